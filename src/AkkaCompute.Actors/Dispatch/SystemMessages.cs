namespace AkkaCompute.Actors;

/// <summary>
/// Messages between the runtime's cells (create, supervise, watch, stop). They are processed
/// before ordinary messages and never go through the actor's behaviour.
/// </summary>
public abstract class SystemMessage
{
    internal SystemMessage? Next;
}

internal sealed class Create : SystemMessage;

internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

internal sealed class Suspend : SystemMessage;

internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}

internal sealed class Terminate : SystemMessage;

internal sealed class Watch(ActorRefBase watchee, ActorRefBase watcher) : SystemMessage
{
    public ActorRefBase Watchee { get; } = watchee;

    public ActorRefBase Watcher { get; } = watcher;
}

internal sealed class Unwatch(ActorRefBase watchee, ActorRefBase watcher) : SystemMessage
{
    public ActorRefBase Watchee { get; } = watchee;

    public ActorRefBase Watcher { get; } = watcher;
}

internal sealed class DeathWatchNotification(IActorRef actor, bool ExistenceConfirmed, bool AddressTerminated) : SystemMessage
{
    public IActorRef Actor { get; } = actor;

    public bool ExistenceConfirmed { get; } = ExistenceConfirmed;

    public bool AddressTerminated { get; } = AddressTerminated;
}

internal sealed class Failed(ActorRefBase child, Exception cause, long uid) : SystemMessage
{
    public ActorRefBase Child { get; } = child;

    public Exception Cause { get; } = cause;

    public long Uid { get; } = uid;
}

internal sealed class AsyncContinuation(SendOrPostCallback callback, object? state) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;

    public object? State { get; } = state;
}

internal sealed class AsyncCompleted(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}
