using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Simulation.Placement;

/// <summary>What crosses the simulated network: a protocol message addressed to one incarnation (by its address, as Akka's UniqueAddress would).</summary>
/// <param name="From">The sender's address.</param>
/// <param name="To">The target's address; a later incarnation of the same node (another port) drops it.</param>
/// <param name="Body">The protocol message.</param>
internal sealed record Envelope(string From, string To, PlacementMessage Body);

/// <summary>The placement protocol's messages.</summary>
internal abstract record PlacementMessage;

/// <summary>An accepted task as replicas keep it: its placement, its original home and, once known, its recorded result.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="Placement">Stamped head, task hash, required roles.</param>
/// <param name="Home">The address of the home that accepted it (never changes; successors are derived from it).</param>
/// <param name="Result">The recorded result's producer, or null while unknown.</param>
/// <param name="Committed">True once the home committed the result (a majority stored it and the client got it): a committed
/// result wins over any result a replica stored before; an uncommitted one may be a proposal of a home that went away.</param>
internal sealed record TaskRecord(string TaskId, TaskPlacement Placement, string Home, string? Result, bool Committed = false);

/// <summary>
/// Home (or any holder) to member: store these records (and their results); answered with <see cref="Stored"/>. <c>Sync</c>
/// marks the anti-entropy batch a member sends a new member (everything it holds), re-sent until acknowledged.
/// <c>StartOnHold</c> (a home's acceptance in a view of two or three, where one other member's copy makes the majority) names,
/// by task id, the owner that starts the task as soon as it stores it, as the node's PeerActor.StartOnHold does; null: none.
/// </summary>
internal sealed record Replicate(IReadOnlyList<TaskRecord> Records, MerkleClock Clock, bool Sync = false, IReadOnlyDictionary<string, string>? StartOnHold = null) : PlacementMessage;

/// <summary>Member to sender: these records are stored; <c>WithResult[i]</c> says the result was stored too; <c>Sync</c> echoes the request's.</summary>
internal sealed record Stored(IReadOnlyList<string> TaskIds, IReadOnlyList<bool> WithResult, bool Sync = false) : PlacementMessage;

/// <summary>Home to owner: run this task (idempotent: a known task is not queued twice).</summary>
internal sealed record RunTask(string TaskId, TaskPlacement Placement, string Home, int Attempt) : PlacementMessage;

/// <summary>Owner to home: a run ended; <c>Producer</c> names the run (address, attempt, and <c>/failed</c> for a failure).</summary>
internal sealed record TaskDone(string TaskId, int Attempt, bool Ok, string Producer, MerkleClock Clock) : PlacementMessage;

/// <summary>Old owner to home: the task was stolen by <c>NewOwner</c>.</summary>
internal sealed record OwnerMoved(string TaskId, int Attempt, string NewOwner) : PlacementMessage;

/// <summary>Every member to every member: the sender's advertised load.</summary>
internal sealed record LoadReport(NodeLoad Load) : PlacementMessage;

/// <summary>Idle thief to victim: hand over up to <c>Count</c> queued tasks.</summary>
internal sealed record StealRequest(int Count) : PlacementMessage;

/// <summary>Victim to thief: these queued tasks are now the thief's (the victim forgot them).</summary>
internal sealed record StealGrant(IReadOnlyList<RunTask> Tasks) : PlacementMessage;

/// <summary>Leaving owner to home: it will not run these queued tasks; re-score them.</summary>
internal sealed record HandBack(IReadOnlyList<string> TaskIds) : PlacementMessage;

/// <summary>Successor home to members: which results do you hold for these tasks?</summary>
internal sealed record ResultQuery(IReadOnlyList<string> TaskIds) : PlacementMessage;

/// <summary>Member to successor home: <c>Results[i]</c> is the producer it holds for <c>TaskIds[i]</c> (or null), <c>Committed[i]</c> whether it knows it was committed.</summary>
internal sealed record ResultAnswer(IReadOnlyList<string> TaskIds, IReadOnlyList<string?> Results, IReadOnlyList<bool> Committed) : PlacementMessage;

/// <summary>A client's batch, handed to a random live node (its home) outside the network.</summary>
/// <param name="TargetUid">The incarnation it was given to; a later incarnation rejects it (the client sees a failed submit).</param>
/// <param name="Workflow">The job id.</param>
/// <param name="TaskIds">The task ids.</param>
/// <param name="Gpu">Whether each task requires role <c>gpu</c>.</param>
internal sealed record SubmittedBatch(long TargetUid, string Workflow, IReadOnlyList<string> TaskIds, IReadOnlyList<bool> Gpu);
