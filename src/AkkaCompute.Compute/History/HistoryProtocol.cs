using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.History;

/// <summary>Journals the acceptance of tasks; the reply, once durable, is <see cref="AcceptedRecorded"/>.</summary>
/// <param name="Specs">The tasks.</param>
public sealed record RecordAccepted(IReadOnlyList<TaskSpec> Specs);

/// <summary>The acceptance is durable.</summary>
/// <param name="Count">Tasks recorded.</param>
public sealed record AcceptedRecorded(int Count);

/// <summary>Journals a lifecycle event (fire and forget; written in order, batched).</summary>
/// <param name="Event">The event.</param>
public sealed record RecordEvent(ITaskHistoryEvent Event);

/// <summary>Asks for what a restarted node must resume; the reply is <see cref="RecoveredState"/>.</summary>
public sealed record GetRecoveredState;

/// <summary>The history after recovery.</summary>
/// <param name="Finished">Finished tasks with their results (not to be run again).</param>
/// <param name="Incomplete">Accepted tasks without a result, with the attempts they had started (in all their runs).</param>
/// <param name="RunBases">For incomplete tasks that are being run again, the attempts of their earlier runs; null or missing ids mean 0.</param>
public sealed record RecoveredState(IReadOnlyList<(TaskSpec Spec, TaskResult Result)> Finished, IReadOnlyList<(TaskSpec Spec, int Attempts)> Incomplete, IReadOnlyDictionary<string, int>? RunBases = null);

/// <summary>Queries the history; the reply is <see cref="HistoryQueryResult"/>.</summary>
/// <param name="Query">The query.</param>
public sealed record QueryHistory(HistoryQuery Query);

/// <summary>The answer to <see cref="QueryHistory"/>.</summary>
/// <param name="Tasks">Matching tasks.</param>
public sealed record HistoryQueryResult(IReadOnlyList<TaskHistory> Tasks);

/// <summary>Asks for <see cref="HistoryStats"/>.</summary>
public sealed record GetHistoryStats;

/// <summary>Asks the history to confirm that every event sent before it is durable; the reply is <see cref="HistoryFlushed"/>.</summary>
public sealed record FlushHistory;

/// <summary>Every event recorded before the matching <see cref="FlushHistory"/> is in the journal.</summary>
public sealed record HistoryFlushed;
