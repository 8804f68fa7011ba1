using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Protocol;

/// <summary>Submits tasks as one batch: all are accepted (durably journaled) or all refused.</summary>
/// <param name="Tasks">The tasks; at most <see cref="MaxBatchSize"/>.</param>
/// <param name="ClientId">The submitting client, for quotas; null for the local user.</param>
/// <param name="JobId">The workflow (job) the tasks belong to; part of each task's hash (<c>"{taskId}:{jobId}"</c>), which places it in a cluster. Null: "".</param>
/// <param name="PushResults">For a client's submission through a member's client gateway: once the batch is accepted, the
/// member pushes its tasks' results to the client as they finish (as a <see cref="WatchResults"/> from the client would ask),
/// so a client that waits for them needs no second round trip. Default false.</param>
public sealed record SubmitBatch(IReadOnlyList<TaskSpec> Tasks, string? ClientId = null, string? JobId = null, bool PushResults = false)
{
    /// <summary>The most tasks in one batch.</summary>
    public const int MaxBatchSize = 100_000;
}

/// <summary>The batch is journaled; its new tasks will run. Tasks whose ids were already known are listed apart.</summary>
/// <param name="Accepted">Ids accepted now: new tasks, and known ones (same definition) that failed, timed out or were cancelled and run again.</param>
/// <param name="AlreadyKnown">Ids the node already had with the same definition, succeeded or in progress (a resubmission: they are not run again).</param>
public sealed record BatchAccepted(IReadOnlyList<string> Accepted, IReadOnlyList<string> AlreadyKnown);

/// <summary>
/// Asks which of these tasks reuse an id the node knows with a different definition (see
/// <see cref="Compute.Tasks.TaskDefinition"/>), without submitting anything; the reply is <see cref="TasksChecked"/>.
/// Lets a client refuse a whole job before any of its batches is submitted.
/// </summary>
/// <param name="Tasks">The tasks to check (any number; nothing is recorded).</param>
public sealed record CheckTasks(IReadOnlyList<TaskSpec> Tasks);

/// <summary>The answer to <see cref="CheckTasks"/>.</summary>
/// <param name="Conflicts">The tasks a <see cref="SubmitBatch"/> would be refused for, in the order asked; empty when none.</param>
public sealed record TasksChecked(IReadOnlyList<TaskConflict> Conflicts);

/// <summary>A task id already recorded with a different definition.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Reason">Why it is refused, naming the task.</param>
public sealed record TaskConflict(string TaskId, string Reason);

/// <summary>The batch was refused whole; nothing of it was recorded.</summary>
/// <param name="Reason">Why, naming the task where one is at fault.</param>
public sealed record BatchRefused(string Reason);

/// <summary>Cancels a queued or running task.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="HomeOnly">True between members: answer for this member's own tasks only (a member asked about a task it does not know asks the others).</param>
public sealed record CancelTask(string TaskId, bool HomeOnly = false);

/// <summary>The reply to <see cref="CancelTask"/>.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Cancelled">True when it was queued or running and is now cancelled.</param>
/// <param name="Reason">Why not, when not.</param>
public sealed record CancelResult(string TaskId, bool Cancelled, string? Reason);

/// <summary>Changes the priority of a queued task.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Priority">The new priority.</param>
public sealed record ReprioritizeTask(string TaskId, int Priority);

/// <summary>The reply to <see cref="ReprioritizeTask"/>.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Changed">True when it was queued and now has the new priority.</param>
public sealed record ReprioritizeResult(string TaskId, bool Changed);

/// <summary>Subscribes the sender to <see cref="TaskEvent"/>s of every task.</summary>
public sealed record SubscribeTaskEvents;

/// <summary>A task changed state, or (with <paramref name="Progress"/>) its running attempt reported progress.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="State">The new state (for a progress report: <see cref="TaskState.Running"/>, unchanged).</param>
/// <param name="Attempt">The attempt number (0 before the first).</param>
/// <param name="Result">The result, for terminal states.</param>
/// <param name="Message">For Retrying: the error of the failed attempt.</param>
/// <param name="Progress">
/// Null for a state change. Not null: not a state change but a progress report of the running attempt, the fraction done
/// (0.0 to 1.0); at most 4 a second per task, never journaled.
/// </param>
/// <param name="JobId">For Accepted: the job (workflow) the task was accepted with, whichever way it was submitted (CLI,
/// client library, REST, MCP); null otherwise or when it came without one.</param>
public sealed record TaskEvent(string TaskId, TaskState State, int Attempt, TaskResult? Result = null, string? Message = null, double? Progress = null, string? JobId = null)
{
    /// <summary>True for a progress report (<see cref="Progress"/> set), which does not change the task's state.</summary>
    public bool IsProgress => Progress is not null;
}

/// <summary>Asks for the node's counters; the reply is <see cref="NodeStatus"/>.</summary>
public sealed record GetNodeStatus;

/// <summary>The node's counters.</summary>
/// <param name="Known">Tasks the node knows.</param>
/// <param name="Waiting">Accepted, waiting for dependencies or a cache answer.</param>
/// <param name="Queued">In the scheduler's queue.</param>
/// <param name="Running">Running now.</param>
/// <param name="Retrying">Waiting for a retry.</param>
/// <param name="Succeeded">Succeeded.</param>
/// <param name="Failed">Failed or timed out.</param>
/// <param name="Cancelled">Cancelled.</param>
/// <param name="Scheduled">Accepted with a due time still ahead (run-at, delay, a recurring task's next occurrence); 0 from a node that predates it.</param>
public sealed record NodeStatus(int Known, int Waiting, int Queued, int Running, int Retrying, int Succeeded, int Failed, int Cancelled, int Scheduled = 0);

/// <summary>Asks for one task's result; the reply is <see cref="TaskResult"/> or <see cref="TaskNotFinished"/>.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="HomeOnly">True between members: answer for this member's own tasks only (a member asked about a task it does not know asks the others).</param>
public sealed record GetTaskResult(string TaskId, bool HomeOnly = false);

/// <summary>The task is unknown or has not finished.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="State">Its state, or null when unknown.</param>
public sealed record TaskNotFinished(string TaskId, TaskState? State);
