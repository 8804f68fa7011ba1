namespace AkkaCompute.Persistence;

/// <summary>
/// A persistent actor with one handler for commands and one for recovery (Akka's UntypedPersistentActor). Call
/// <see cref="Actors.ActorBase.Unhandled"/> in <see cref="OnCommand"/> for a command it does not handle.
/// </summary>
public abstract class UntypedPersistentActor : PersistentActor
{
    private Action<object>? _behavior;

    /// <summary>Handles a command (unless <see cref="Become(Action{object})"/> replaced it).</summary>
    protected abstract void OnCommand(object message);

    /// <summary>Handles a recovered message: <see cref="SnapshotOffer"/>, an event, or <see cref="RecoveryCompleted"/>.</summary>
    protected abstract void OnRecover(object message);

    /// <summary>Handles commands with <paramref name="onCommand"/> instead of <see cref="OnCommand"/>.</summary>
    protected void Become(Action<object> onCommand) => _behavior = onCommand ?? throw new ArgumentNullException(nameof(onCommand));

    /// <summary>Handles commands with <see cref="OnCommand"/> again.</summary>
    protected void Unbecome() => _behavior = null;

    /// <inheritdoc />
    protected sealed override bool ReceiveCommand(object message)
    {
        (_behavior ?? OnCommand)(message);
        return true;
    }

    /// <inheritdoc />
    protected sealed override bool ReceiveRecover(object message)
    {
        OnRecover(message);
        return true;
    }
}
