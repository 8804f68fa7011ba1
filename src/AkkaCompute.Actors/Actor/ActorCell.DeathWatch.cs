namespace AkkaCompute.Actors;

internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is not ActorRefBase target || subject.Equals(SelfRef))
        {
            return subject;
        }

        var watching = Extras.Watching ??= [];
        if (watching.Add(subject))
        {
            target.SendSystemMessage(new Watch(target, SelfRef));
        }

        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is ActorRefBase target && _extras?.Watching?.Remove(subject) == true)
        {
            target.SendSystemMessage(new Unwatch(target, SelfRef));
        }

        _extras?.TerminatedQueued?.Remove(subject);
        return subject;
    }

    /// <summary>A system message that reached the mailbox after the actor stopped.</summary>
    public void HandleSystemMessageAfterStop(SystemMessage message)
    {
        if (message is Watch w && w.Watchee.Equals(SelfRef) && !w.Watcher.Equals(SelfRef))
        {
            w.Watcher.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true, AddressTerminated: false));
        }
    }

    private void AddWatcher(ActorRefBase watchee, ActorRefBase watcher)
    {
        if (!watchee.Equals(SelfRef) || watcher.Equals(SelfRef))
        {
            return;
        }

        if (IsTerminated)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true, AddressTerminated: false));
            return;
        }

        (Extras.WatchedBy ??= []).Add(watcher);
    }

    private void RemoveWatcher(ActorRefBase watchee, ActorRefBase watcher)
    {
        if (watchee.Equals(SelfRef))
        {
            _extras?.WatchedBy?.Remove(watcher);
        }
    }

    private void WatchedActorTerminated(IActorRef actor, bool existenceConfirmed, bool addressTerminated)
    {
        if (actor is ActorRefBase child && RemoveChild(child))
        {
            ChildTerminated();
        }

        if (_extras?.Watching?.Remove(actor) == true && !IsTerminating)
        {
            (Extras.TerminatedQueued ??= []).Add(actor);
            SelfRef.Tell(new Terminated(actor, existenceConfirmed, addressTerminated), actor);
        }
    }

    private void TellWatchersWeDied()
    {
        var notified = false;
        if (_extras?.WatchedBy is { } watchers)
        {
            foreach (var w in watchers)
            {
                if (w is ActorRefBase r)
                {
                    notified |= r.Equals(ParentRef);
                    r.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true, AddressTerminated: false));
                }
            }

            watchers.Clear();
        }

        if (!notified)
        {
            ParentRef.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true, AddressTerminated: false));
        }
    }

    private void UnwatchWatchedActors()
    {
        if (_extras?.Watching is { } watching)
        {
            foreach (var subject in watching)
            {
                if (subject is ActorRefBase r)
                {
                    r.SendSystemMessage(new Unwatch(r, SelfRef));
                }
            }

            watching.Clear();
        }

        _extras?.TerminatedQueued?.Clear();
    }
}
