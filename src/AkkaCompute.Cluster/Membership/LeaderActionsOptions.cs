using System.Collections.Immutable;

namespace AkkaCompute.Cluster;

/// <summary>
/// The inputs of <see cref="LeaderActions.Compute"/> that are not in the gossip: decisions that depend on time or on local
/// state of the leader's daemon.
/// </summary>
public sealed record LeaderActionsOptions
{
    /// <summary>No WeaklyUp promotion, nothing exiting-confirmed, one member suffices.</summary>
    public static LeaderActionsOptions Default { get; } = new();

    /// <summary>
    /// When convergence is lacking, move reachable Joining members to WeaklyUp. The caller sets it once convergence has been lacking
    /// for <see cref="ClusterSettings.WeaklyUpAfter"/> and <see cref="ClusterSettings.AllowWeaklyUpMembers"/> is on; see
    /// <see cref="LeaderActions.ShouldMoveJoiningToWeaklyUp"/>. Default false.
    /// </summary>
    public bool MoveJoiningToWeaklyUp { get; init; }

    /// <summary>
    /// Exiting members that confirmed to the leader that they are shutting down (Akka's <c>ExitingConfirmed</c>): they do not block
    /// convergence and are removed even while reachable. Default empty.
    /// </summary>
    public ImmutableSortedSet<UniqueAddress> ExitingConfirmed { get; init; } = [];

    /// <summary>
    /// <c>akc.cluster.min-nr-of-members</c>: Joining/WeaklyUp members are moved Up only once the cluster has at least this many members.
    /// Default 1; at least 1.
    /// </summary>
    public int MinNrOfMembers { get; init; } = 1;

    /// <summary>
    /// The leader's current time (from its injected <see cref="TimeProvider"/> or a simulator's virtual clock): stamped on the tombstones
    /// of removed members and used to prune old tombstones. Default <see cref="DateTimeOffset.UnixEpoch"/>.
    /// </summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>
    /// <c>akc.cluster.prune-gossip-tombstones-after</c>: tombstones stamped more than this long before <see cref="Now"/> are dropped on
    /// convergence. Default 24 hours; not negative.
    /// </summary>
    public TimeSpan PruneGossipTombstonesAfter { get; init; } = TimeSpan.FromHours(24);
}
