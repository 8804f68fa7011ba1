using System.Text.Json.Serialization;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.History;

/// <summary>
/// A task lifecycle event as journaled by the HistoryActor. Immutable, JSON-serializable; inside a
/// <see cref="TaskEventBatch"/> each carries a <c>$type</c> discriminator (accepted, started, retrying, finished, moved).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(TaskAccepted), "accepted")]
[JsonDerivedType(typeof(TaskStarted), "started")]
[JsonDerivedType(typeof(TaskRetrying), "retrying")]
[JsonDerivedType(typeof(TaskFinished), "finished")]
[JsonDerivedType(typeof(TaskOwnerChanged), "moved")]
public interface ITaskHistoryEvent
{
    /// <summary>The task.</summary>
    string TaskId { get; }

    /// <summary>When it happened (the node's clock).</summary>
    DateTimeOffset At { get; }
}

/// <summary>The task was accepted: durable before the submitter's acknowledgement.</summary>
/// <param name="Spec">The task as submitted.</param>
/// <param name="At">When.</param>
public sealed record TaskAccepted(TaskSpec Spec, DateTimeOffset At) : ITaskHistoryEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public string TaskId => Spec.Id;
}

/// <summary>An attempt started.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Attempt">1-based attempt number.</param>
/// <param name="At">When.</param>
/// <param name="Owner">In a cluster, the address of the member running the attempt (the home's placement of it); null on a single node and in rows written before it was recorded.</param>
public sealed record TaskStarted(string TaskId, int Attempt, DateTimeOffset At, string? Owner = null) : ITaskHistoryEvent;

/// <summary>An attempt failed and another will follow after a backoff.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Attempt">The attempt that failed.</param>
/// <param name="Error">Its error.</param>
/// <param name="DelayMs">Backoff before the next attempt, in milliseconds.</param>
/// <param name="At">When.</param>
public sealed record TaskRetrying(string TaskId, int Attempt, string Error, double DelayMs, DateTimeOffset At) : ITaskHistoryEvent;

/// <summary>
/// In a cluster, the task changed members without an attempt failing: its owner was removed and it was handed off
/// (<see cref="HandOffReason"/>), an idle member stole it from a busy owner's queue (<see cref="StealReason"/>), or its home was
/// removed and a successor home took it over (<see cref="TakeOverReason"/>). The task's state does not change.
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="Attempt">The attempt it moved with (0 when not started yet).</param>
/// <param name="From">The member it left (<c>akka.tcp://system@host:port</c>), or null when unknown.</param>
/// <param name="To">The member it moved to, or null when none qualified (it waits for one).</param>
/// <param name="Reason">One of <see cref="HandOffReason"/>, <see cref="StealReason"/>, <see cref="TakeOverReason"/>.</param>
/// <param name="At">When the home learned it.</param>
public sealed record TaskOwnerChanged(string TaskId, int Attempt, string? From, string? To, string Reason, DateTimeOffset At) : ITaskHistoryEvent
{
    /// <summary>Its owner was removed from the cluster: <c>hand-off</c>.</summary>
    public const string HandOffReason = "hand-off";

    /// <summary>An idle member took it from its owner's queue: <c>steal</c>.</summary>
    public const string StealReason = "steal";

    /// <summary>Its home was removed and a successor home took it over: <c>home-takeover</c>.</summary>
    public const string TakeOverReason = "home-takeover";
}

/// <summary>
/// The task finished: Succeeded, Failed, Cancelled or TimedOut (<see cref="TaskResult.State"/>);
/// the journal tags it with that state's name.
/// </summary>
/// <param name="Result">The result, recorded once per task id.</param>
/// <param name="At">When.</param>
public sealed record TaskFinished(TaskResult Result, DateTimeOffset At) : ITaskHistoryEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public string TaskId => Result.TaskId;
}

/// <summary>
/// Tasks accepted together, journaled as one event (one row) per up to <see cref="TaskEventBatch.MaxPerRow"/>
/// tasks, all rows of a batch in one atomic write, so that accepting a batch costs one write however many
/// tasks it holds. Unfolds into one <see cref="TaskAccepted"/> per task.
/// </summary>
/// <param name="Specs">The tasks, in submission order.</param>
/// <param name="At">When.</param>
public sealed record TasksAccepted(IReadOnlyList<TaskSpec> Specs, DateTimeOffset At)
{
    /// <summary>The individual events.</summary>
    public IEnumerable<ITaskHistoryEvent> Unfold() => Specs.Select(s => (ITaskHistoryEvent)new TaskAccepted(s, At));
}

/// <summary>
/// Lifecycle events recorded while the previous write was in flight, journaled as one event (one
/// row) per up to <see cref="TaskEventBatch.MaxPerRow"/> events. Order within the batch is the order they happened.
/// </summary>
/// <param name="Events">The events (Started, Retrying, Finished), oldest first; at most <see cref="MaxEvents"/>.</param>
public sealed record TaskEventBatch(IReadOnlyList<ITaskHistoryEvent> Events)
{
    /// <summary>The most events the history buffers before it writes them (the HistoryActor writes at most <see cref="TaskEventBatch.MaxPerRow"/> per row).</summary>
    public const int MaxEvents = 10_000;

    /// <summary>The most tasks in one <see cref="TasksAccepted"/> row and events in one <see cref="TaskEventBatch"/> row: 256, so a row's serialized form stays off the large-object heap.</summary>
    public const int MaxPerRow = 256;
}
