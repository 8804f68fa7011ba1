using System.Text.Json;
using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Protocol;

/// <summary>Queues a ready task (args resolved) in the scheduler.</summary>
/// <param name="Task">The task and its attempt.</param>
public sealed record Enqueue(QueuedTask Task);

/// <summary>
/// Queues several ready tasks at once (one message, one mailbox slot): the scheduler handles each as an
/// <see cref="Enqueue"/>, in order, and dispatches after the last, so the highest priority among them runs first.
/// </summary>
/// <param name="Tasks">The tasks and their attempts.</param>
public sealed record EnqueueAll(IReadOnlyList<QueuedTask> Tasks);

/// <summary>The scheduler refused a task because its queue is full.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Reason">Why.</param>
public sealed record EnqueueRefused(string TaskId, string Reason);

/// <summary>Removes a task from the scheduler's queue, or cancels it if running.</summary>
/// <param name="TaskId">The task.</param>
public sealed record Dequeue(string TaskId);

/// <summary>Runs one attempt of a task on an executor.</summary>
/// <param name="Task">The task (args resolved).</param>
/// <param name="Attempt">1-based attempt number.</param>
public sealed record Execute(TaskSpec Task, int Attempt);

/// <summary>An executor started an attempt.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Attempt">The attempt.</param>
public sealed record AttemptStarted(string TaskId, int Attempt);

/// <summary>
/// A running attempt reported how far it is (a function's <c>FunctionContext.Report</c>, a shell task's <c>::progress</c>
/// line). Throttled by the executor to at most one per <see cref="Execution.ProgressGate.DefaultInterval"/> (250 ms) per
/// attempt, the latest value always sent; transient (never journaled). Goes executor, pool, scheduler, the owner's
/// PeerActor and, for a task placed from another member, that member (its home), which publishes it as a
/// <see cref="TaskEvent"/> with <see cref="TaskEvent.Progress"/>.
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="Attempt">The attempt.</param>
/// <param name="Fraction">The fraction done, 0.0 to 1.0.</param>
public sealed record AttemptProgress(string TaskId, int Attempt, double Fraction);

/// <summary>How an attempt ended.</summary>
public enum AttemptOutcome
{
    /// <summary>It returned a result.</summary>
    Succeeded,

    /// <summary>It threw or exited non-zero; it may be retried.</summary>
    Failed,

    /// <summary>It cannot succeed on retry (unknown function, refused command, bad arguments).</summary>
    Rejected,

    /// <summary>It exceeded its timeout; it may be retried.</summary>
    TimedOut,

    /// <summary>It was cancelled.</summary>
    Cancelled,
}

/// <summary>An attempt ended.</summary>
/// <param name="Task">The task.</param>
/// <param name="Attempt">The attempt.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Output">The result, on success.</param>
/// <param name="Error">The error, otherwise.</param>
/// <param name="DurationMs">Wall time of the attempt, in milliseconds.</param>
public sealed record AttemptFinished(TaskSpec Task, int Attempt, AttemptOutcome Outcome, JsonElement? Output, string? Error, double DurationMs);

/// <summary>Cancels the running attempt of a task on an executor.</summary>
/// <param name="TaskId">The task.</param>
public sealed record CancelAttempt(string TaskId);

/// <summary>The scheduler's periodic aging tick.</summary>
public sealed class AgingTick
{
    private AgingTick() { }

    /// <summary>The singleton instance.</summary>
    public static AgingTick Instance { get; } = new();
}
