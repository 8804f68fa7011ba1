using System.Runtime.ExceptionServices;

namespace AkkaCompute.Actors;

internal sealed partial class ActorCell
{
    /// <summary>
    /// Runs an async handler on the actor's turn. While its task is pending the actor takes no
    /// ordinary message (system messages still run); continuations are posted back to the mailbox.
    /// </summary>
    public void RunAsync(Func<Task> action)
    {
        var context = Extras.SyncContext ??= new ActorSynchronizationContext(this);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        Task task;
        try
        {
            task = action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (task.IsCompleted)
        {
            ThrowIfFailed(task);
            return;
        }

        Extras.PendingAsync = task;
        Extras.AsyncEnvelope = _currentEnvelope;
        task.ContinueWith(
            static (t, state) => ((ActorCell)state!).SendSystemMessage(new AsyncCompleted(t)),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void RunContinuation(AsyncContinuation continuation)
    {
        if (IsTerminating)
        {
            return;
        }

        var saved = _currentEnvelope;
        if (_extras?.PendingAsync is not null)
        {
            _currentEnvelope = _extras.AsyncEnvelope;
        }

        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(Extras.SyncContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
            _currentEnvelope = saved;
        }
    }

    private void AsyncTaskCompleted(Task task)
    {
        if (_extras is not { } ex || !ReferenceEquals(ex.PendingAsync, task))
        {
            return; // abandoned by a restart or stop
        }

        ex.PendingAsync = null;
        _currentEnvelope = ex.AsyncEnvelope;
        ex.AsyncEnvelope = default;
        ThrowIfFailed(task);
    }

    private void CancelAsync()
    {
        if (_extras is { } ex)
        {
            ex.PendingAsync = null;
            ex.AsyncEnvelope = default;
        }
    }

    private static void ThrowIfFailed(Task task)
    {
        if (task.IsFaulted)
        {
            var inner = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
            ExceptionDispatchInfo.Capture(inner).Throw();
        }

        if (task.IsCanceled)
        {
            throw new TaskCanceledException(task);
        }
    }

    /// <summary>Posts await continuations of an actor's async handler back onto its mailbox.</summary>
    private sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) =>
            cell.SendSystemMessage(new AsyncContinuation(d, state));

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("synchronous Send is not supported on an actor's context");

        public override SynchronizationContext CreateCopy() => this;
    }
}
