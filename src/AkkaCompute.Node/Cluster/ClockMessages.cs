using System.Collections.Immutable;

namespace AkkaCompute.Node.Cluster;

/// <summary>Asks a PeerActor for its view of the cluster's merkle clock; the answer is a <see cref="ClockView"/>.</summary>
public sealed record GetClock
{
    /// <summary>The one instance.</summary>
    public static readonly GetClock Instance = new();
}

/// <summary>A node's view of the merkle clock: its entries (member address to counter, sorted) and its head.</summary>
/// <param name="Entries">Node to counter, sorted by node.</param>
/// <param name="Head">Lowercase-hex SHA-256 of the canonical entries (64 characters).</param>
public sealed record ClockView(ImmutableSortedDictionary<string, long> Entries, string Head);

/// <summary>Asks a PeerActor which members count for ownership in its view; the answer is a <see cref="MembershipSnapshot"/>.</summary>
public sealed record GetMembership
{
    /// <summary>The one instance.</summary>
    public static readonly GetMembership Instance = new();
}

/// <summary>The members a PeerActor places tasks on (Up and not removed; unreachable ones included), by address.</summary>
/// <param name="Members">Member addresses, ordered ordinally; empty on a node that is not a cluster member.</param>
public sealed record MembershipSnapshot(IReadOnlyList<string> Members);
