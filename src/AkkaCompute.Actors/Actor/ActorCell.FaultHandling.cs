using Microsoft.Extensions.Logging;

namespace AkkaCompute.Actors;

internal sealed partial class ActorCell
{
    private void Create()
    {
        NewActorInstance();
        try
        {
            _actor!.AroundPreStart();
        }
        catch (Exception e)
        {
            throw new ActorInitializationException(SelfRef, $"exception in PreStart of {SelfRef}: {e.Message}", e);
        }
    }

    private void NewActorInstance()
    {
        SetState(StateCreating, true);
        try
        {
            var actor = Props.NewActor();
            if (actor is IWithStash withStash)
            {
                withStash.Stash = new StashImpl(this, SystemImpl.Settings.StashCapacity);
            }

            if (actor is IWithTimers withTimers)
            {
                withTimers.Timers = Extras.Timers ??= new TimerScheduler(this);
            }

            _actor = actor;
        }
        catch (Exception e) when (e is not ActorInitializationException)
        {
            throw new ActorInitializationException(SelfRef, $"exception while creating {Props.ActorType.Name} at {SelfRef}: {e.Message}", e);
        }
        finally
        {
            SetState(StateCreating, false);
        }
    }

    private void HandleInvokeFailure(Exception cause)
    {
        if (IsTerminating || (_state & StateFailed) != 0)
        {
            SystemImpl.Log.LogError(cause, "{Actor} failed while {State}: {Message}", SelfRef, IsTerminating ? "stopping" : "awaiting its supervisor", cause.Message);
            return;
        }

        SetState(StateFailed, true);
        _mailbox.SuspendCount++;
        foreach (var child in GetChildren())
        {
            ((ActorRefBase)child).SendSystemMessage(new Suspend());
        }

        ParentRef.SendSystemMessage(new Failed(SelfRef, cause, SelfRef.Path.Uid));
    }

    private void HandleFailed(Failed failed)
    {
        if (failed.Child is not LocalActorRef child || !IsChild(child) || child.Path.Uid != failed.Uid)
        {
            return; // a stale report from a child that has stopped already
        }

        var strategy = Props.SupervisorStrategy ?? _actor?.SupervisorStrategyInternal ?? SupervisorStrategy.DefaultStrategy;
        if (!strategy.HandleFailure(this, child, failed.Cause))
        {
            HandleInvokeFailure(failed.Cause); // Escalate: this actor fails with the child's cause
        }
    }

    private void FaultSuspend()
    {
        _mailbox.SuspendCount++;
        foreach (var child in GetChildren())
        {
            ((ActorRefBase)child).SendSystemMessage(new Suspend());
        }
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (causedByFailure is not null)
        {
            SetState(StateFailed, false);
        }

        if (_mailbox.SuspendCount > 0)
        {
            _mailbox.SuspendCount--;
        }

        foreach (var child in GetChildren())
        {
            ((ActorRefBase)child).SendSystemMessage(new Resume(null));
        }
    }

    private void FaultRecreate(Exception cause)
    {
        if (IsTerminating)
        {
            return;
        }

        var failed = _actor;
        if (failed is null)
        {
            // Failed during creation: create again.
            FinishRecreate(cause, afterCreateFailure: true);
            return;
        }

        var message = _currentEnvelope.Message;
        CancelAsync();
        CancelTimersAndReceiveTimeout();
        if (failed is IWithStash { Stash: { } stash })
        {
            stash.UnstashAll();
        }

        try
        {
            failed.AroundPreRestart(cause, message);
        }
        catch (Exception e)
        {
            SystemImpl.Log.LogError(e, "{Actor} threw in PreRestart: {Message}", SelfRef, e.Message);
        }

        ResetBehavior();
        _actor = null;
        if (HasStoppingChildren)
        {
            Extras.PendingRecreate = cause;
            return;
        }

        FinishRecreate(cause, afterCreateFailure: false);
    }

    private void FinishRecreate(Exception cause, bool afterCreateFailure)
    {
        if (_extras is not null)
        {
            _extras.PendingRecreate = null;
        }

        var survivors = GetChildren();
        SetState(StateFailed, false);
        if (_mailbox.SuspendCount > 0)
        {
            _mailbox.SuspendCount--;
        }

        NewActorInstance();
        try
        {
            if (afterCreateFailure)
            {
                _actor!.AroundPreStart();
            }
            else
            {
                _actor!.AroundPostRestart(cause);
            }
        }
        catch (Exception e)
        {
            throw new ActorInitializationException(SelfRef, $"exception in PostRestart of {SelfRef}: {e.Message}", e);
        }

        foreach (var survivor in survivors)
        {
            ((ActorRefBase)survivor).SendSystemMessage(new Recreate(cause));
        }
    }

    private void Terminate()
    {
        if (IsTerminating)
        {
            return;
        }

        SetState(StateTerminating, true);
        CancelAsync();
        CancelTimersAndReceiveTimeout();
        UnwatchWatchedActors();
        foreach (var child in GetChildren())
        {
            Stop(child);
        }

        if (!HasStoppingChildren)
        {
            FinishTerminate();
        }
    }

    private void ChildTerminated()
    {
        if (HasStoppingChildren)
        {
            return;
        }

        if ((_state & StateTerminating) != 0 && !IsTerminated)
        {
            FinishTerminate();
        }
        else if (_extras?.PendingRecreate is { } cause)
        {
            FinishRecreate(cause, afterCreateFailure: false);
        }
    }

    private void FinishTerminate()
    {
        try
        {
            if (_actor is IWithStash { Stash: { } stash })
            {
                stash.UnstashAll();
            }

            _actor?.AroundPostStop();
        }
        catch (Exception e)
        {
            SystemImpl.Log.LogError(e, "{Actor} threw in PostStop: {Message}", SelfRef, e.Message);
        }
        finally
        {
            SetState(StateTerminated, true);
            _mailbox.Close();
            TellWatchersWeDied();
            _actor = null;
            ResetBehavior();
            _currentEnvelope = default;
        }
    }

    private void CancelTimersAndReceiveTimeout()
    {
        if (_extras is { } ex)
        {
            ex.Timers?.CancelAll();
            ex.ReceiveTimeoutTimer?.Dispose();
            ex.ReceiveTimeoutTimer = null;
            ex.ReceiveTimeoutGeneration++;
        }
    }
}
