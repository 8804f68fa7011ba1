namespace AkkaCompute.Actors.Routing;

/// <summary>A destination of a router: an actor reference or a selection (for groups).</summary>
public abstract class Routee
{
    /// <summary>Sends <paramref name="message"/> to this routee with <paramref name="sender"/>.</summary>
    public abstract void Send(object message, IActorRef sender);

    /// <summary>The routee's reference, or null for a selection.</summary>
    public virtual IActorRef? ActorRef => null;

    /// <summary>Messages waiting in the routee's mailbox; <see cref="int.MaxValue"/> when unknown (remote or selection).</summary>
    public virtual int MailboxSize => int.MaxValue;

    /// <summary>A routee for an actor reference.</summary>
    public static Routee FromActorRef(IActorRef actor) => new ActorRefRoutee(actor);
}

/// <summary>A routee that is an actor reference.</summary>
public sealed class ActorRefRoutee(IActorRef actor) : Routee
{
    /// <inheritdoc />
    public override IActorRef ActorRef => actor;

    /// <inheritdoc />
    public override int MailboxSize => actor is LocalActorRef l ? l.NumberOfMessages : int.MaxValue;

    /// <inheritdoc />
    public override void Send(object message, IActorRef sender) => actor.Tell(message, sender);

    /// <inheritdoc />
    public override string ToString() => $"ActorRefRoutee({actor})";
}

/// <summary>A routee that is a path, resolved at each send.</summary>
public sealed class ActorSelectionRoutee(ActorSelection selection) : Routee
{
    /// <summary>The selection.</summary>
    public ActorSelection Selection => selection;

    /// <inheritdoc />
    public override void Send(object message, IActorRef sender) => selection.Tell(message, sender);

    /// <inheritdoc />
    public override string ToString() => $"ActorSelectionRoutee({selection.PathString})";
}

/// <summary>Sends a message to several routees (the choice of the broadcast logic).</summary>
public sealed class SeveralRoutees(IReadOnlyList<Routee> routees) : Routee
{
    /// <inheritdoc />
    public override void Send(object message, IActorRef sender)
    {
        foreach (var r in routees)
        {
            r.Send(message, sender);
        }
    }
}

/// <summary>No routee: the message goes to dead letters.</summary>
public sealed class NoRoutee : Routee
{
    private NoRoutee() { }

    /// <summary>The singleton instance.</summary>
    public static NoRoutee Instance { get; } = new();

    /// <inheritdoc />
    public override void Send(object message, IActorRef sender)
    {
    }
}
