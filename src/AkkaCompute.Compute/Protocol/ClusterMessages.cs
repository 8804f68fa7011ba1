using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Protocol;

/// <summary>
/// From a task's home (the node that accepted it and keeps its workflow) to the task's owner: queue these tasks in your
/// scheduler and report each attempt back to the sender (<see cref="AttemptStarted"/>, <see cref="AttemptFinished"/>, or
/// <see cref="EnqueueRefused"/> when the owner's scheduler is full). One message carries many tasks, so a large job
/// costs few remote messages. At most <see cref="MaxTasks"/> tasks.
/// </summary>
/// <param name="Tasks">The tasks, with their arguments resolved and their attempt numbers.</param>
public sealed record RunTasks(IReadOnlyList<QueuedTask> Tasks)
{
    /// <summary>The most tasks one message carries (a home splits larger dispatches): 1,000.</summary>
    public const int MaxTasks = 1_000;
}

/// <summary>
/// From a task's owner to its home: attempts that started and ended, in batches (every start in a message precedes any end
/// of the same task in it or in a later message).
/// </summary>
/// <param name="Started">Attempts that started.</param>
/// <param name="Finished">Attempts that ended.</param>
public sealed record AttemptReports(IReadOnlyList<AttemptStarted> Started, IReadOnlyList<AttemptFinished> Finished);

/// <summary>Asks a home for the results of these tasks (a client following a job); the answer is a <see cref="TaskResults"/>.</summary>
/// <param name="TaskIds">The task ids; at most <see cref="MaxIds"/>.</param>
/// <param name="HomeOnly">True between members: answer for this member's own tasks only (do not ask the others).</param>
/// <param name="WithStates">True: the answer also names the state and attempt of each known unfinished task (<see cref="TaskResults.Unfinished"/>), for a client showing live progress.</param>
public sealed record GetTaskResults(IReadOnlyList<string> TaskIds, bool HomeOnly = false, bool WithStates = false)
{
    /// <summary>
    /// The most ids in one request: 500, so that the answer fits one remote message (4 MiB) while results average under
    /// 8 KB; larger outputs (long shell output) call for fewer ids per request.
    /// </summary>
    public const int MaxIds = 500;
}

/// <summary>The finished ones among the tasks a <see cref="GetTaskResults"/> named (unknown ones are left out).</summary>
/// <param name="Finished">Their results.</param>
/// <param name="Unfinished">When the request asked <c>WithStates</c>: the known unfinished tasks with their state (Waiting, Queued, Running, Retrying) and attempt; else null.</param>
public sealed record TaskResults(IReadOnlyList<TaskResult> Finished, IReadOnlyList<TaskProgressState>? Unfinished = null);

/// <summary>Where an unfinished task stands at its home.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="State">Its state: Waiting, Queued, Running or Retrying.</param>
/// <param name="Attempt">Its attempt number (0 before the first).</param>
/// <param name="Progress">For a Running task that reports progress: the fraction done, 0.0 to 1.0, as last reported; else null.</param>
public sealed record TaskProgressState(string TaskId, TaskState State, int Attempt, double? Progress = null);

/// <summary>A member's load, sent to the other members every few hundred milliseconds (the sender's address names the member).</summary>
/// <param name="Queued">Tasks waiting in its scheduler.</param>
/// <param name="Running">Tasks running on its executors.</param>
/// <param name="Executors">Its executor count.</param>
public sealed record LoadReport(int Queued, int Running, int Executors);

/// <summary>From an idle member to a busy one: hand me up to <paramref name="Count"/> of your queued tasks.</summary>
/// <param name="Count">How many, 1 or more.</param>
public sealed record StealRequest(int Count);

/// <summary>From a member that gave a task away (a steal) to the task's home: it is now owned by <paramref name="NewOwner"/>.</summary>
/// <param name="TaskId">The task id (as the home knows it).</param>
/// <param name="NewOwner">The new owner's address.</param>
public sealed record TaskMoved(string TaskId, string NewOwner);

/// <summary>From a home to a task's owner: the task was cancelled; drop it from your queue or cancel its running attempt.</summary>
/// <param name="TaskId">The task id.</param>
public sealed record StopRemoteTask(string TaskId);
