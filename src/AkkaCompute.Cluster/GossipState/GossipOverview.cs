using System.Collections.Immutable;

namespace AkkaCompute.Cluster;

/// <summary>
/// The part of a <see cref="Gossip"/> that is not the member set or the version, as Akka's <c>GossipOverview</c>: which members have
/// seen this gossip version, and the <see cref="AkkaCompute.Cluster.Reachability"/> table.
/// </summary>
/// <param name="Seen">The members that have seen (merged or adopted) this exact gossip version; must be members of the gossip.</param>
/// <param name="Reachability">The failure-detector observations between members.</param>
public sealed record GossipOverview(ImmutableSortedSet<UniqueAddress> Seen, Reachability Reachability)
{
    /// <summary>No member has seen it, everyone reachable.</summary>
    public static GossipOverview Empty { get; } = new([], Reachability.Empty);

    /// <summary>True when both have the same seen set and equal reachability tables.</summary>
    public bool Equals(GossipOverview? other) =>
        other is not null && Seen.SetEquals(other.Seen) && Reachability.Equals(other.Reachability);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Seen.Count, Reachability);

    /// <summary>E.g. <c>GossipOverview(seen=[a#1, b#2], Reachability())</c>.</summary>
    public override string ToString() => $"GossipOverview(seen=[{string.Join(", ", Seen)}], {Reachability})";
}
