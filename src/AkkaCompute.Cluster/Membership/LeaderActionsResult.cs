namespace AkkaCompute.Cluster;

/// <summary>The outcome of <see cref="LeaderActions.Compute"/>.</summary>
/// <param name="Gossip">The new gossip; the input instance itself when <paramref name="Changed"/> is false.</param>
/// <param name="Events">The events from the old gossip to the new one as seen by the leader (<see cref="ClusterEventDiff.Diff"/>); empty when nothing changed.</param>
/// <param name="Converged">Whether the input gossip had converged, so that the full leader actions ran; false when self is not the leader.</param>
/// <param name="Changed">Whether the leader changed the gossip (and stamped it with its clock entry).</param>
public sealed record LeaderActionsResult(Gossip Gossip, IReadOnlyList<ClusterEvent> Events, bool Converged, bool Changed);
