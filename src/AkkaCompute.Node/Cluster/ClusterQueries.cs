namespace AkkaCompute.Node.Cluster;

/// <summary>Asks a PeerActor for its view of the cluster's merkle clock; the answer is a <see cref="ClockView"/>.</summary>
public sealed record GetClock
{
    /// <summary>The one instance.</summary>
    public static readonly GetClock Instance = new();
}

/// <summary>A node's view of the merkle clock: its entries (sorted by node) and its head.</summary>
/// <param name="Entries">The entries, sorted by node (Unicode code point order).</param>
/// <param name="Head">Lowercase-hex SHA-256 of the canonical entries (64 characters).</param>
public sealed record ClockView(IReadOnlyList<ClockEntry> Entries, string Head)
{
    /// <summary>The counter of <paramref name="node"/>; 0 when it has no entry.</summary>
    public long this[string node] => Entries.FirstOrDefault(e => e.Node == node)?.Counter ?? 0;
}

/// <summary>One entry of the merkle clock.</summary>
/// <param name="Node">A member address.</param>
/// <param name="Counter">Its counter: acceptances and completions it recorded, 0 or more.</param>
public sealed record ClockEntry(string Node, long Counter);

/// <summary>Asks a PeerActor which members count for ownership in its view; the answer is a <see cref="MembershipSnapshot"/>.</summary>
public sealed record GetMembership
{
    /// <summary>The one instance.</summary>
    public static readonly GetMembership Instance = new();
}

/// <summary>The members a PeerActor places tasks on (Up and not removed; unreachable ones included), by address.</summary>
/// <param name="Members">Member addresses, ordered ordinally; empty on a node that is not a cluster member.</param>
/// <param name="Roles">Each member's roles (sorted ordinally), in the order of <paramref name="Members"/>; null from a member that does not send them.</param>
public sealed record MembershipSnapshot(IReadOnlyList<string> Members, IReadOnlyList<IReadOnlyList<string>>? Roles = null);

/// <summary>Asks a PeerActor for its distributed-protocol counters; the answer is a <see cref="ClusterStats"/>.</summary>
public sealed record GetClusterStats
{
    /// <summary>The one instance.</summary>
    public static readonly GetClusterStats Instance = new();
}

/// <summary>A member's distributed-protocol counters since it started.</summary>
/// <param name="Members">Members it places tasks on.</param>
/// <param name="PlacedElsewhere">Its unfinished tasks (as a home) running or queued on other members now.</param>
/// <param name="Foreign">Tasks of other homes queued or running here now.</param>
/// <param name="HandedOff">Tasks it re-placed because their owner was removed.</param>
/// <param name="Stolen">Queued tasks it gave to idle members (work stealing).</param>
/// <param name="DuplicateResults">Results dropped because their task already had one (results once).</param>
/// <param name="TookOver">Accepted tasks of removed members it became the home of (successor home); 0 from members before this counter.</param>
/// <param name="PlacedOnHold">Tasks (as a home) that their owner started when its replica held them, without a separate
/// <c>RunTasks</c> (start on hold, PeerActor.StartOnHold); 0 from members before this counter.</param>
public sealed record ClusterStats(int Members, int PlacedElsewhere, int Foreign, long HandedOff, long Stolen, long DuplicateResults, long TookOver = 0, long PlacedOnHold = 0);

/// <summary>
/// Asks a member for the history of the tasks the cluster's homes recorded (a client's <c>akc history --contact</c>); the
/// answer is a <see cref="Compute.History.HistoryQueryResult"/> holding at most <c>Query.Limit</c> tasks, newest acceptance first.
/// </summary>
/// <param name="Query">The filter: one task id, or state and acceptance-time range, and the most tasks (1 to 1,000).</param>
/// <param name="HomeOnly">True between members: answer from this member's own history only (do not ask the others).</param>
public sealed record GetClusterHistory(Compute.History.HistoryQuery Query, bool HomeOnly = false);
