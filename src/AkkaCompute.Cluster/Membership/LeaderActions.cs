using System.Collections.Immutable;

namespace AkkaCompute.Cluster;

/// <summary>
/// The leader's periodic membership duties as a pure function, as Akka's <c>ClusterCoreDaemon.LeaderActions</c>,
/// <c>LeaderActionsOnConvergence</c> and <c>MoveJoiningToWeaklyUp</c>. The cluster daemon calls <see cref="Compute"/> every
/// <see cref="ClusterSettings.LeaderActionsInterval"/> and adopts the returned gossip.
/// </summary>
public static class LeaderActions
{
    /// <summary>
    /// Whether the leader should move Joining members to WeaklyUp: <see cref="ClusterSettings.AllowWeaklyUpMembers"/> is on and
    /// convergence has been lacking for at least <see cref="ClusterSettings.WeaklyUpAfter"/>. Akka measures that duration by counting
    /// leader-action ticks without convergence; pass the count times <see cref="ClusterSettings.LeaderActionsInterval"/>, or a
    /// duration measured on the injected clock.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    public static bool ShouldMoveJoiningToWeaklyUp(ClusterSettings settings, TimeSpan withoutConvergenceFor)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.AllowWeaklyUpMembers && withoutConvergenceFor >= settings.WeaklyUpAfter;
    }

    /// <summary>
    /// Runs the leader actions for <paramref name="state"/>'s node. Nothing changes unless that node is the leader
    /// (<see cref="MembershipState.IsLeader"/>). Then:
    /// <list type="bullet">
    /// <item>on convergence (<see cref="Gossip.Convergence"/>): Joining and WeaklyUp members move Up once the cluster has
    /// <see cref="LeaderActionsOptions.MinNrOfMembers"/> members, numbered in address order after the youngest member; Leaving
    /// members move to Exiting; Down and Exiting members that are unreachable or terminated, and Exiting members in
    /// <see cref="LeaderActionsOptions.ExitingConfirmed"/>, are removed (<see cref="Gossip.RemoveAll"/>: dropped from the members, the
    /// seen set, the reachability table and the vector clock, and tombstoned at <see cref="LeaderActionsOptions.Now"/>); tombstones
    /// older than <see cref="LeaderActionsOptions.PruneGossipTombstonesAfter"/> are dropped. Unlike Akka, the leader never removes
    /// itself (that would leave a gossip stamped and seen by a non-member); an Exiting or Down leader shuts down and the next
    /// leader removes it;</item>
    /// <item>without convergence, when <see cref="LeaderActionsOptions.MoveJoiningToWeaklyUp"/> is set: Joining members that are
    /// reachable (ignoring downed observers) move to WeaklyUp.</item>
    /// </list>
    /// A changed gossip is stamped as Akka's <c>UpdateLatestGossip</c> does: the leader's clock entry is incremented and the gossip is
    /// marked seen by the leader only. (A daemon whose own exiting tasks are in progress may <see cref="Gossip.ClearSeen"/> it.)
    /// O(n log n) for n members.
    /// </summary>
    /// <param name="state">The leader candidate's view.</param>
    /// <param name="options">Inputs from outside the gossip; null means <see cref="LeaderActionsOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="LeaderActionsOptions.MinNrOfMembers"/> is below 1, or
    /// <see cref="LeaderActionsOptions.PruneGossipTombstonesAfter"/> is negative.</exception>
    public static LeaderActionsResult Compute(MembershipState state, LeaderActionsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        options ??= LeaderActionsOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinNrOfMembers, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PruneGossipTombstonesAfter, TimeSpan.Zero, nameof(options));
        var gossip = state.LatestGossip;
        var self = state.SelfUniqueAddress;
        if (!state.IsLeader(self))
        {
            return new LeaderActionsResult(gossip, [], false, false);
        }

        var converged = gossip.Convergence(self, options.ExitingConfirmed);
        var changed = converged ? OnConvergence(gossip, self, options)
            : options.MoveJoiningToWeaklyUp ? JoiningToWeaklyUp(gossip, options)
            : null;
        if (changed is null)
        {
            return new LeaderActionsResult(gossip, [], converged, false);
        }

        var stamped = changed.Increment(VectorClockNode.For(self)).OnlySeen(self);
        return new LeaderActionsResult(stamped, ClusterEventDiff.Diff(gossip, stamped, self), converged, true);
    }

    private static Gossip? OnConvergence(Gossip gossip, UniqueAddress self, LeaderActionsOptions options)
    {
        var enoughMembers = gossip.Members.Count >= options.MinNrOfMembers;
        var removed = new HashSet<UniqueAddress>();
        foreach (var node in gossip.Overview.Reachability.AllUnreachableOrTerminated)
        {
            // Never itself: a gossip stamped and seen by a node that is not a member is malformed. An Exiting or Down
            // leader shuts down, and whoever leads next removes it.
            if (!node.Equals(self) && gossip.TryGetMember(node, out var m) && m.Status is MemberStatus.Down or MemberStatus.Exiting)
            {
                removed.Add(node);
            }
        }

        foreach (var node in options.ExitingConfirmed)
        {
            if (!node.Equals(self) && gossip.TryGetMember(node, out var m) && m.Status == MemberStatus.Exiting)
            {
                removed.Add(node);
            }
        }

        var upNumber = 0;
        var anyChange = removed.Count > 0;
        var members = ImmutableSortedSet.CreateBuilder<Member>();
        foreach (var m in gossip.Members)
        {
            if (removed.Contains(m.UniqueAddress))
            {
                continue;
            }

            if (m.Status is MemberStatus.Joining or MemberStatus.WeaklyUp && enoughMembers)
            {
                if (upNumber == 0)
                {
                    // As Akka: reusing the number of a removed member is fine, only live members' ages are compared.
                    var youngest = gossip.YoungestMember!;
                    upNumber = 1 + (youngest.UpNumber == Member.NotUp ? 0 : youngest.UpNumber);
                }
                else
                {
                    upNumber = checked(upNumber + 1);
                }

                members.Add(m.CopyUp(upNumber));
                anyChange = true;
            }
            else if (m.Status == MemberStatus.Leaving)
            {
                members.Add(m.Copy(MemberStatus.Exiting));
                anyChange = true;
            }
            else
            {
                members.Add(m);
            }
        }

        var changed = (anyChange ? gossip.Copy(members: members.ToImmutable()) : gossip).RemoveAll(removed, options.Now);
        var pruned = options.Now - DateTimeOffset.MinValue > options.PruneGossipTombstonesAfter
            ? changed.PruneTombstones(options.Now - options.PruneGossipTombstonesAfter)
            : changed;
        return ReferenceEquals(pruned, gossip) ? null : pruned;
    }

    private static Gossip? JoiningToWeaklyUp(Gossip gossip, LeaderActionsOptions options)
    {
        if (gossip.Members.Count < options.MinNrOfMembers)
        {
            return null;
        }

        var reachability = gossip.ReachabilityExcludingDownedObservers;
        var members = gossip.Members;
        foreach (var m in gossip.Members)
        {
            if (m.Status == MemberStatus.Joining && reachability.IsReachable(m.UniqueAddress))
            {
                members = members.Remove(m).Add(m.Copy(MemberStatus.WeaklyUp));
            }
        }

        return ReferenceEquals(members, gossip.Members) ? null : gossip.Copy(members: members);
    }
}
