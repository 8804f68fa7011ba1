namespace AkkaCompute.Cluster.Sbr;

/// <summary>
/// <c>keep-oldest</c>, as Akka's <c>KeepOldest</c>: the side with the oldest counted member (lowest up-number; Up and Leaving, with the
/// role if set) survives. With <see cref="DownIfAlone"/>, when the oldest is alone on its side and the other side has two or more
/// members, the oldest is downed and the other side survives (in a two-member cluster the oldest is kept). The decision is
/// re-checked ignoring Leaving members (and, with down-if-alone, counting Joining and WeaklyUp); a different answer downs everyone.
/// </summary>
public sealed class KeepOldest : DowningStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="downIfAlone">Down the oldest when it is alone and the other side has at least two members. Akka's default is true.</param>
    /// <param name="role">The oldest among the members with this role decides; null or empty considers all.</param>
    public KeepOldest(bool downIfAlone = true, string? role = null)
        : base(role) => DownIfAlone = downIfAlone;

    /// <summary>Whether a lone oldest member is downed when the other side has two or more members.</summary>
    public bool DownIfAlone { get; }

    private protected override IComparer<Member> Ordering => Member.AgeOrdering;

    private protected override SbrDecisionKind DecideKind(SbrSides sides)
    {
        if (HasIndirectlyConnected(sides))
        {
            return SbrDecisionKind.DownIndirectlyConnected;
        }

        var oldest = sides.MembersWithRole().FirstOrDefault();
        if (oldest is null)
        {
            return SbrDecisionKind.DownAll;
        }

        var decision = OldestDecision(!sides.IsUnreachable(oldest), sides.ReachableCount(), sides.UnreachableCount());
        if (decision != SbrDecisionKind.DownUnreachable)
        {
            return decision;
        }

        var oldestStrict = sides.MembersWithRole(includingPossiblyUp: false, excludingPossiblyExiting: true).FirstOrDefault();
        if (oldestStrict is null)
        {
            return SbrDecisionKind.DownAll;
        }

        // Joining and WeaklyUp only matter for down-if-alone.
        var recheck = OldestDecision(
            !sides.IsUnreachable(oldestStrict),
            sides.ReachableCount(includingPossiblyUp: DownIfAlone, excludingPossiblyExiting: true),
            sides.UnreachableCount(includingPossiblyUp: DownIfAlone, excludingPossiblyExiting: true));
        return recheck == SbrDecisionKind.DownUnreachable ? SbrDecisionKind.DownUnreachable : SbrDecisionKind.DownAll;
    }

    private SbrDecisionKind OldestDecision(bool oldestIsOnThisSide, int thisSide, int otherSide)
    {
        if (oldestIsOnThisSide)
        {
            return DownIfAlone && thisSide == 1 && otherSide >= 2 ? SbrDecisionKind.DownReachable : SbrDecisionKind.DownUnreachable;
        }

        return DownIfAlone && otherSide == 1 && thisSide >= 2 ? SbrDecisionKind.DownUnreachable : SbrDecisionKind.DownReachable;
    }
}
