namespace AkkaCompute.Cluster;

/// <summary>
/// Checks of the membership invariants, cheap enough to run after every step of a simulator with 1,000 nodes: O(n + s) for n
/// members and s distinct reachability observers and subjects (the derived sets are cached per reachability table). As Akka's
/// <c>Gossip.AssertInvariants</c>, plus checks across one step.
/// </summary>
public static class MembershipInvariants
{
    /// <summary>Invariant name: members are in strictly increasing <see cref="UniqueAddress"/> order, so one per address and uid.</summary>
    public const string UniqueMembers = "unique-members";

    /// <summary>Invariant name: no member in the member set has status Removed.</summary>
    public const string NoRemovedMembers = "no-removed-members";

    /// <summary>Invariant name: every node in the seen set is a member.</summary>
    public const string SeenOnlyMembers = "seen-only-members";

    /// <summary>Invariant name: every reachability observer, subject and version owner is a member.</summary>
    public const string ReachabilityOnlyMembers = "reachability-only-members";

    /// <summary>Invariant name: a member's status never moves backwards in the lifecycle order (<see cref="MemberStatusTransitions.Rank"/>).</summary>
    public const string StatusMonotonic = "status-monotonic";

    /// <summary>Invariant name: a node tombstoned (removed) before the step does not become a member again.</summary>
    public const string NoResurrection = "no-resurrection";

    /// <summary>Invariant name: the vector clock never goes back; an entry may only disappear when its node is no longer a member (pruning).</summary>
    public const string VersionMonotonic = "version-monotonic";

    /// <summary>Checks the structural invariants of one gossip.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="gossip"/> is null.</exception>
    /// <exception cref="InvariantViolationException">An invariant does not hold; the message names it and the nodes involved.</exception>
    public static void Check(Gossip gossip)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        Member? previous = null;
        foreach (var m in gossip.Members)
        {
            if (previous is not null && previous.UniqueAddress.CompareTo(m.UniqueAddress) >= 0)
            {
                throw new InvariantViolationException(UniqueMembers,
                    $"member {m.UniqueAddress} follows {previous.UniqueAddress}: members must be unique and ordered by unique address");
            }

            if (m.Status == MemberStatus.Removed)
            {
                throw new InvariantViolationException(NoRemovedMembers, $"{m} is in the member set");
            }

            previous = m;
        }

        foreach (var node in gossip.Overview.Seen)
        {
            if (!gossip.HasMember(node))
            {
                throw new InvariantViolationException(SeenOnlyMembers, $"{node} has seen the gossip but is not a member");
            }
        }

        var reachability = gossip.Overview.Reachability;
        if (reachability.IsAllReachable && reachability.Versions.IsEmpty)
        {
            return;
        }

        foreach (var node in reachability.Versions.Keys)
        {
            if (!gossip.HasMember(node))
            {
                throw new InvariantViolationException(ReachabilityOnlyMembers, $"{node} has a reachability version but is not a member");
            }
        }

        foreach (var node in reachability.AllSubjects)
        {
            if (!gossip.HasMember(node))
            {
                throw new InvariantViolationException(ReachabilityOnlyMembers, $"{node} is the subject of a reachability record but is not a member");
            }
        }
    }

    /// <summary>
    /// Checks one step of a node's state from <paramref name="before"/> to <paramref name="after"/>: the structural invariants of
    /// <paramref name="after"/> (<see cref="Check"/>); no member present in both moved backwards in status (Up -&gt; Joining, Down -&gt; Up, ...;
    /// a member may disappear, i.e. become Removed, from any status); no node tombstoned in <paramref name="before"/> is a member of
    /// <paramref name="after"/> unless it already was one in <paramref name="before"/>; and no clock entry of <paramref name="before"/> decreased or
    /// disappeared while its node is still a member of <paramref name="after"/>. A newer adopted version or a merge of concurrent
    /// versions passes; pruning a removed member's entry passes.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvariantViolationException">An invariant does not hold; the message names it, the node and both values.</exception>
    public static void CheckTransition(Gossip before, Gossip after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        Check(after);
        if (ReferenceEquals(before, after))
        {
            return;
        }

        using (var b = before.Members.GetEnumerator())
        using (var a = after.Members.GetEnumerator())
        {
            var hasB = b.MoveNext();
            var hasA = a.MoveNext();
            while (hasB && hasA)
            {
                var c = b.Current.CompareTo(a.Current);
                if (c == 0)
                {
                    if (MemberStatusTransitions.Rank(a.Current.Status) < MemberStatusTransitions.Rank(b.Current.Status))
                    {
                        throw new InvariantViolationException(StatusMonotonic,
                            $"member {a.Current.UniqueAddress} moved backwards from {b.Current.Status} to {a.Current.Status}");
                    }

                    hasB = b.MoveNext();
                    hasA = a.MoveNext();
                }
                else if (c < 0)
                {
                    hasB = b.MoveNext();
                }
                else
                {
                    CheckNotResurrected(before, a.Current);
                    hasA = a.MoveNext();
                }
            }

            while (hasA)
            {
                CheckNotResurrected(before, a.Current);
                hasA = a.MoveNext();
            }
        }

        CheckVersion(before, after);
    }

    private static void CheckNotResurrected(Gossip before, Member added)
    {
        if (before.Tombstones.ContainsKey(added.UniqueAddress))
        {
            throw new InvariantViolationException(NoResurrection,
                $"member {added.UniqueAddress} was removed (tombstoned) and is a member again with status {added.Status}");
        }
    }

    private static void CheckVersion(Gossip before, Gossip after)
    {
        var older = before.Version.Entries;
        var newer = after.Version.Entries;
        HashSet<VectorClockNode>? liveNodes = null;
        var j = 0;
        foreach (var (node, time) in older)
        {
            while (j < newer.Count && newer[j].Key.CompareTo(node) < 0)
            {
                j++;
            }

            if (j < newer.Count && newer[j].Key.CompareTo(node) == 0)
            {
                if (newer[j].Value < time)
                {
                    throw new InvariantViolationException(VersionMonotonic,
                        $"clock entry {node} went back from {time} to {newer[j].Value}");
                }

                continue;
            }

            liveNodes ??= after.Members.Select(m => VectorClockNode.For(m.UniqueAddress)).ToHashSet();
            if (liveNodes.Contains(node))
            {
                throw new InvariantViolationException(VersionMonotonic,
                    $"clock entry {node} (was {time}) disappeared although its node is still a member");
            }
        }
    }
}
