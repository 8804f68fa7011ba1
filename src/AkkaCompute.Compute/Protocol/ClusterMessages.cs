using AkkaCompute.Compute.Scheduling;

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

/// <summary>From a home to a task's owner: the task was cancelled; drop it from your queue or cancel its running attempt.</summary>
/// <param name="TaskId">The task id.</param>
public sealed record StopRemoteTask(string TaskId);
