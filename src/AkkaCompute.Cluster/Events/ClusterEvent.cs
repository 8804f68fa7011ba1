namespace AkkaCompute.Cluster;

/// <summary>
/// A change in the cluster as seen by one node, as Akka's <c>ClusterEvent.IClusterDomainEvent</c>. Produced by
/// <see cref="ClusterEventDiff.Diff"/> from two successive gossips; published to subscribers by the cluster daemon.
/// </summary>
public abstract record ClusterEvent;
