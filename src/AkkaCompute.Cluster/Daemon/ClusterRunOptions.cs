using AkkaCompute.Cluster.Protocol;

namespace AkkaCompute.Cluster;

/// <summary>
/// How the <see cref="Cluster"/> extension ties into its actor system's life, beside the membership
/// <see cref="ClusterSettings"/>. Immutable; the defaults suit a production node.
/// </summary>
public sealed record ClusterRunOptions
{
    /// <summary>The defaults: leave on shutdown, shut down when removed, seed from the uid, the core's default options.</summary>
    public static ClusterRunOptions Default { get; } = new();

    /// <summary>
    /// Whether <see cref="AkkaCompute.Actors.CoordinatedShutdown"/> (and so <c>ActorSystem.Terminate</c> and SIGTERM) leaves the
    /// cluster gracefully first: the <c>cluster-leave</c> phase sends Leave and waits until this member is Exiting or gone, bounded
    /// by the phase timeout (5 s by default). Default true. False makes a terminating node simply vanish, as a crash does; the
    /// others then detect it unreachable and the split-brain resolver downs it (used by tests of failure detection).
    /// </summary>
    public bool LeaveOnShutdown { get; init; } = true;

    /// <summary>
    /// Whether the node runs <see cref="AkkaCompute.Actors.CoordinatedShutdown"/> (reason <c>ClusterLeavingReason</c>) once it is
    /// removed from the cluster, after a graceful leave or after being downed, as Akka's
    /// <c>run-coordinated-shutdown-when-down</c>. Default true. When false the node stays up outside the cluster; it cannot rejoin
    /// with the same uid.
    /// </summary>
    public bool ShutdownWhenRemoved { get; init; } = true;

    /// <summary>
    /// The seed of the membership core's random choices (gossip targets). Null (default) derives it from the node's uid, so that
    /// each incarnation differs and a run can still be replayed from its uids.
    /// </summary>
    public int? RandomSeed { get; init; }

    /// <summary>
    /// The membership core's settings beyond <see cref="ClusterSettings"/> (seed-node timeout, expected response after, gossip target
    /// preference, limits). Default <see cref="ClusterCoreOptions.Default"/>. When its <see cref="ClusterCoreOptions.WallClock"/> is
    /// null the daemon sets the system's <see cref="AkkaCompute.Actors.ActorSystem.TimeProvider"/>, so that tombstones stamped by
    /// different processes compare.
    /// </summary>
    public ClusterCoreOptions CoreOptions { get; init; } = ClusterCoreOptions.Default;
}
