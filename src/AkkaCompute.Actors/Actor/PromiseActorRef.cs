namespace AkkaCompute.Actors;

/// <summary>
/// A temporary reference under <c>/temp</c> that completes a task with the first message it gets
/// (the reply of an Ask), or with the death of a watched actor (GracefulStop).
/// </summary>
internal sealed class PromiseActorRef(ActorPath path) : MinimalActorRef
{
    private readonly TaskCompletionSource<object> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ActorPath Path => path;

    public Task<object> Task => _promise.Task;

    public override bool IsTerminated => _promise.Task.IsCompleted;

    internal override Task? TemporaryCompletion => _promise.Task;

    public override void Tell(object message, IActorRef sender)
    {
        if (message is Status.Failure f)
        {
            _promise.TrySetException(f.Cause);
        }
        else
        {
            _promise.TrySetResult(message);
        }
    }

    public void Fail(Exception cause) => _promise.TrySetException(cause);

    public void Cancel(CancellationToken token) => _promise.TrySetCanceled(token);

    internal override void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification n)
        {
            _promise.TrySetResult(new Terminated(n.Actor, n.ExistenceConfirmed, n.AddressTerminated));
        }
    }
}
