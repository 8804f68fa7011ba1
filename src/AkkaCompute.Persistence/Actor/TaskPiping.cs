using AkkaCompute.Actors;

namespace AkkaCompute.Persistence;

/// <summary>
/// Feeds the outcome of a store call back to an actor as a message. The message factories run on the thread that
/// completes the task, so they must only build a message from their arguments and never touch actor state.
/// </summary>
internal static class TaskPiping
{
    /// <summary>Starts <paramref name="start"/> (a synchronous throw counts as a failed task) and tells <paramref name="self"/> the outcome.</summary>
    public static void Pipe<T>(Func<Task<T>> start, IActorRef self, Func<T, object> success, Func<Exception, object> failure, IActorRef? sender = null)
    {
        Task<T> task;
        try
        {
            task = start();
        }
        catch (Exception e)
        {
            task = Task.FromException<T>(e);
        }

        task.ContinueWith(
            t => self.Tell(t.IsCompletedSuccessfully ? success(t.Result) : failure(Unwrap(t)), sender ?? ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>As <see cref="Pipe{T}"/> for a task without a result.</summary>
    public static void Pipe(Func<Task> start, IActorRef self, object success, Func<Exception, object> failure) =>
        Pipe(
            async () =>
            {
                await start().ConfigureAwait(false);
                return true;
            },
            self,
            _ => success,
            failure);

    /// <summary>The single exception of a failed task, or a <see cref="TaskCanceledException"/> for a cancelled one.</summary>
    public static Exception Unwrap(Task task) =>
        task.Exception is { } aggregate
            ? aggregate.InnerExceptions.Count == 1 ? aggregate.InnerException! : aggregate
            : new TaskCanceledException(task);
}
