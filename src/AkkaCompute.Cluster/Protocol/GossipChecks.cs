using System.Collections.Immutable;

namespace AkkaCompute.Cluster.Protocol;

/// <summary>
/// Linear-time shortcuts around <see cref="MembershipInvariants"/> for the hot paths of <see cref="ClusterCore"/> and the simulator's
/// checker. They never weaken a check: when a shortcut cannot decide, the full <see cref="MembershipInvariants"/> check runs.
/// </summary>
internal static class GossipChecks
{
    /// <summary>
    /// True when <paramref name="after"/> differs from <paramref name="before"/> in its seen set only (same member set, overview
    /// reachability, version and tombstones instances). Then <see cref="MembershipInvariants.CheckTransition"/> reduces to "every seen
    /// node is a member" (statuses, clock and tombstones are the same objects).
    /// </summary>
    public static bool IsSeenOnlyChange(Gossip before, Gossip after) =>
        ReferenceEquals(before.Members, after.Members) &&
        ReferenceEquals(before.Overview.Reachability, after.Overview.Reachability) &&
        ReferenceEquals(before.Version, after.Version) &&
        ReferenceEquals(before.Tombstones, after.Tombstones);

    /// <summary>True when every node of the seen set is a member: one merge walk of both sorted sets, O(n + s).</summary>
    public static bool SeenAreMembers(Gossip gossip)
    {
        using var seen = gossip.Overview.Seen.GetEnumerator();
        using var members = gossip.Members.GetEnumerator();
        var hasMember = members.MoveNext();
        while (seen.MoveNext())
        {
            var node = seen.Current;
            while (hasMember && members.Current.UniqueAddress.CompareTo(node) < 0)
            {
                hasMember = members.MoveNext();
            }

            if (!hasMember || !members.Current.UniqueAddress.Equals(node))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <see cref="MembershipInvariants.CheckTransition"/>, in O(n + s) without lookups when only the seen set changed.
    /// </summary>
    /// <exception cref="InvariantViolationException">An invariant does not hold.</exception>
    public static void CheckTransition(Gossip before, Gossip after)
    {
        if (IsSeenOnlyChange(before, after) && SeenAreMembers(after))
        {
            return;
        }

        MembershipInvariants.CheckTransition(before, after);
    }

    /// <summary>
    /// <see cref="MembershipInvariants.Check"/> as a yes/no answer, with the seen set checked by a merge walk; the full check runs
    /// only when the reachability table has records (rare) or the quick walk fails (to be sure).
    /// </summary>
    public static bool IsWellFormed(Gossip gossip)
    {
        Member? previous = null;
        foreach (var m in gossip.Members)
        {
            if ((previous is not null && previous.UniqueAddress.CompareTo(m.UniqueAddress) >= 0) || m.Status == MemberStatus.Removed)
            {
                return false;
            }

            previous = m;
        }

        if (!SeenAreMembers(gossip))
        {
            return false;
        }

        var reachability = gossip.Overview.Reachability;
        if (reachability.IsAllReachable && reachability.Versions.IsEmpty)
        {
            return true;
        }

        try
        {
            MembershipInvariants.Check(gossip);
            return true;
        }
        catch (InvariantViolationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Compares two seen sets of the same version in one merge walk: the nodes only <paramref name="theirs"/> has (null when none) and
    /// whether <paramref name="mine"/> has a node <paramref name="theirs"/> lacks. O(1) when they are one instance, else O(s + s').
    /// </summary>
    public static (List<UniqueAddress>? OnlyTheirs, bool MineHasMore) CompareSeen(ImmutableSortedSet<UniqueAddress> mine, IReadOnlySet<UniqueAddress> theirs)
    {
        if (ReferenceEquals(mine, theirs))
        {
            return (null, false);
        }

        if (theirs is not ImmutableSortedSet<UniqueAddress> sorted)
        {
            sorted = [.. theirs.Where(n => n is not null)];
        }

        List<UniqueAddress>? onlyTheirs = null;
        var mineHasMore = false;
        using var a = mine.GetEnumerator();
        using var b = sorted.GetEnumerator();
        var hasA = a.MoveNext();
        var hasB = b.MoveNext();
        while (hasA || hasB)
        {
            var c = !hasA ? 1 : !hasB ? -1 : a.Current.CompareTo(b.Current);
            if (c < 0)
            {
                mineHasMore = true;
                hasA = a.MoveNext();
            }
            else if (c > 0)
            {
                (onlyTheirs ??= []).Add(b.Current);
                hasB = b.MoveNext();
            }
            else
            {
                hasA = a.MoveNext();
                hasB = b.MoveNext();
            }
        }

        return (onlyTheirs, mineHasMore);
    }
}
