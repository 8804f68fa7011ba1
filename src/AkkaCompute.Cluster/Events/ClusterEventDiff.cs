namespace AkkaCompute.Cluster;

/// <summary>
/// The events between two successive gossips of one node, as Akka's <c>ClusterEvent.DiffMemberEvents</c>, <c>DiffUnreachable</c>,
/// <c>DiffReachable</c>, <c>DiffLeader</c> and <c>DiffRolesLeader</c>. Pure; O(n log n) for n members.
/// </summary>
public static class ClusterEventDiff
{
    /// <summary>
    /// All events from <paramref name="oldGossip"/> to <paramref name="newGossip"/> as seen by <paramref name="self"/>, in this order:
    /// member events, unreachable, reachable, leader changed, role leaders changed. Each group is ordered by unique address (roles
    /// ordinally), so the result is the same on every run. Diffing against <see cref="Gossip.Empty"/> replays the current state.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<ClusterEvent> Diff(Gossip oldGossip, Gossip newGossip, UniqueAddress self)
    {
        ArgumentNullException.ThrowIfNull(oldGossip);
        ArgumentNullException.ThrowIfNull(newGossip);
        ArgumentNullException.ThrowIfNull(self);
        if (ReferenceEquals(oldGossip, newGossip))
        {
            return [];
        }

        var events = new List<ClusterEvent>();
        events.AddRange(MemberEvents(oldGossip, newGossip));
        events.AddRange(Unreachable(oldGossip, newGossip, self));
        events.AddRange(Reachable(oldGossip, newGossip, self));
        events.AddRange(Leader(oldGossip, newGossip, self));
        events.AddRange(RoleLeaders(oldGossip, newGossip, self));
        return events;
    }

    /// <summary>
    /// One event per member that is new or whose status or up-number changed (named after its new status; a new member that is
    /// already Up gives <see cref="MemberUp"/>), then one <see cref="MemberRemoved"/> per member that is gone.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<MemberEvent> MemberEvents(Gossip oldGossip, Gossip newGossip)
    {
        ArgumentNullException.ThrowIfNull(oldGossip);
        ArgumentNullException.ThrowIfNull(newGossip);
        var changed = new List<MemberEvent>();
        var removed = new List<MemberEvent>();
        using var o = oldGossip.Members.GetEnumerator();
        using var n = newGossip.Members.GetEnumerator();
        var hasO = o.MoveNext();
        var hasN = n.MoveNext();
        while (hasO || hasN)
        {
            var c = !hasO ? 1 : !hasN ? -1 : o.Current.CompareTo(n.Current);
            if (c < 0)
            {
                removed.Add(new MemberRemoved(o.Current.Copy(MemberStatus.Removed), o.Current.Status));
                hasO = o.MoveNext();
            }
            else if (c > 0)
            {
                AddStatusEvent(changed, n.Current);
                hasN = n.MoveNext();
            }
            else
            {
                if (!o.Current.HasSameState(n.Current))
                {
                    AddStatusEvent(changed, n.Current);
                }

                hasO = o.MoveNext();
                hasN = n.MoveNext();
            }
        }

        changed.AddRange(removed);
        return changed;
    }

    /// <summary>Members (other than <paramref name="self"/>) that are unreachable or terminated in the new gossip and were not in the old one.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<UnreachableMember> Unreachable(Gossip oldGossip, Gossip newGossip, UniqueAddress self)
    {
        ArgumentNullException.ThrowIfNull(oldGossip);
        ArgumentNullException.ThrowIfNull(newGossip);
        ArgumentNullException.ThrowIfNull(self);
        var before = oldGossip.Overview.Reachability.AllUnreachableOrTerminated;
        var result = new List<UnreachableMember>();
        foreach (var node in newGossip.Overview.Reachability.AllUnreachableOrTerminated)
        {
            if (!before.Contains(node) && !node.Equals(self) && newGossip.TryGetMember(node, out var m))
            {
                result.Add(new UnreachableMember(m));
            }
        }

        return result;
    }

    /// <summary>Members (other than <paramref name="self"/>) that were unreachable in the old gossip and are members and reachable in the new one.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<ReachableMember> Reachable(Gossip oldGossip, Gossip newGossip, UniqueAddress self)
    {
        ArgumentNullException.ThrowIfNull(oldGossip);
        ArgumentNullException.ThrowIfNull(newGossip);
        ArgumentNullException.ThrowIfNull(self);
        var result = new List<ReachableMember>();
        foreach (var node in oldGossip.Overview.Reachability.AllUnreachable)
        {
            if (!node.Equals(self) && newGossip.TryGetMember(node, out var m) && newGossip.Overview.Reachability.IsReachable(node))
            {
                result.Add(new ReachableMember(m));
            }
        }

        return result;
    }

    /// <summary>A <see cref="LeaderChanged"/> when the leader as seen by <paramref name="self"/> differs, otherwise nothing.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<LeaderChanged> Leader(Gossip oldGossip, Gossip newGossip, UniqueAddress self)
    {
        ArgumentNullException.ThrowIfNull(oldGossip);
        ArgumentNullException.ThrowIfNull(newGossip);
        var leader = newGossip.Leader(self);
        return Equals(leader, oldGossip.Leader(self)) ? [] : [new LeaderChanged(leader)];
    }

    /// <summary>A <see cref="RoleLeaderChanged"/> for every role (of either gossip) whose leader differs.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<RoleLeaderChanged> RoleLeaders(Gossip oldGossip, Gossip newGossip, UniqueAddress self)
    {
        ArgumentNullException.ThrowIfNull(oldGossip);
        ArgumentNullException.ThrowIfNull(newGossip);
        var result = new List<RoleLeaderChanged>();
        foreach (var role in oldGossip.AllRoles.Union(newGossip.AllRoles))
        {
            var leader = newGossip.RoleLeader(role, self);
            if (!Equals(leader, oldGossip.RoleLeader(role, self)))
            {
                result.Add(new RoleLeaderChanged(role, leader));
            }
        }

        return result;
    }

    private static void AddStatusEvent(List<MemberEvent> events, Member m)
    {
        MemberEvent? e = m.Status switch
        {
            MemberStatus.Joining => new MemberJoined(m),
            MemberStatus.WeaklyUp => new MemberWeaklyUp(m),
            MemberStatus.Up => new MemberUp(m),
            MemberStatus.Leaving => new MemberLeft(m),
            MemberStatus.Exiting => new MemberExited(m),
            MemberStatus.Down => new MemberDowned(m),
            _ => null,
        };
        if (e is not null)
        {
            events.Add(e);
        }
    }
}
