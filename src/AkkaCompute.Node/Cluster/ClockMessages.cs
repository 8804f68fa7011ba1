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
