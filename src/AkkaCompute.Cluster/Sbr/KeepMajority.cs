namespace AkkaCompute.Cluster.Sbr;

/// <summary>
/// <c>keep-majority</c> (the default), as Akka's <c>KeepMajority</c>: the side with more of the counted members (Up and Leaving, with
/// the role if set) survives and downs the other. On a tie the side that has the member with the lowest address survives. If no
/// member has the role, everyone is downed. The majority is re-checked counting this side as small as possible (no Leaving) and the
/// other side as large as possible (with Joining and WeaklyUp); if that flips the answer, everyone is downed.
/// </summary>
public sealed class KeepMajority : DowningStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="role">Count only members with this role; null or empty counts all.</param>
    public KeepMajority(string? role = null)
        : base(role)
    {
    }

    private protected override SbrDecisionKind DecideKind(SbrSides sides)
    {
        if (HasIndirectlyConnected(sides))
        {
            return SbrDecisionKind.DownIndirectlyConnected;
        }

        var lowest = sides.MembersWithRole().FirstOrDefault();
        if (lowest is null)
        {
            return SbrDecisionKind.DownAll;
        }

        var decision = Majority(sides, sides.ReachableCount(), sides.UnreachableCount(), lowest);
        if (decision != SbrDecisionKind.DownUnreachable)
        {
            return decision;
        }

        // Edge case: membership changes seen by one side only. This side as few as possible, the other as many as possible.
        var lowestStrict = sides.MembersWithRole(includingPossiblyUp: false, excludingPossiblyExiting: true).FirstOrDefault();
        if (lowestStrict is null)
        {
            return SbrDecisionKind.DownAll;
        }

        var recheck = Majority(
            sides,
            sides.ReachableCount(includingPossiblyUp: false, excludingPossiblyExiting: true),
            sides.UnreachableCount(includingPossiblyUp: true, excludingPossiblyExiting: false),
            lowestStrict);
        return recheck == SbrDecisionKind.DownUnreachable ? SbrDecisionKind.DownUnreachable : SbrDecisionKind.DownAll;
    }

    private static SbrDecisionKind Majority(SbrSides sides, int thisSide, int otherSide, Member lowest)
    {
        if (thisSide == otherSide)
        {
            return sides.IsUnreachable(lowest) ? SbrDecisionKind.DownReachable : SbrDecisionKind.DownUnreachable;
        }

        return thisSide > otherSide ? SbrDecisionKind.DownUnreachable : SbrDecisionKind.DownReachable;
    }
}
