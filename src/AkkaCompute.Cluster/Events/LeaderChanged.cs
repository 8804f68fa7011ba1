namespace AkkaCompute.Cluster;

/// <summary>The leader (see <see cref="Gossip.Leader"/>) changed; null when there is no leader.</summary>
/// <param name="Leader">The new leader, or null.</param>
public sealed record LeaderChanged(UniqueAddress? Leader) : ClusterEvent;
