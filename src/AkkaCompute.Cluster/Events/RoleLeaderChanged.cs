namespace AkkaCompute.Cluster;

/// <summary>The leader among the members with <paramref name="Role"/> (see <see cref="Gossip.RoleLeader"/>) changed; null when there is none.</summary>
/// <param name="Role">The role.</param>
/// <param name="Leader">The new role leader, or null.</param>
public sealed record RoleLeaderChanged(string Role, UniqueAddress? Leader) : ClusterEvent;
