using AkkaCompute.Cluster.Sbr;
using static AkkaCompute.Cluster.Tests.Sbr.SbrTestViews;
using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Sbr;

public sealed class StaticQuorumTests
{
    [Fact]
    public void A_side_with_the_quorum_downs_the_other()
    {
        AssertDecision(new StaticQuorum(3).Decide(View(1, Up(5), 4, 5)), SbrDecisionKind.DownUnreachable, 4, 5);
    }

    [Fact]
    public void A_side_below_the_quorum_downs_itself()
    {
        AssertDecision(new StaticQuorum(3).Decide(View(4, Up(5), 1, 2, 3)), SbrDecisionKind.DownReachable, 4, 5);
        // Both sides below the quorum: both down themselves.
        AssertDecision(new StaticQuorum(3).Decide(View(1, Up(4), 3, 4)), SbrDecisionKind.DownReachable, 1, 2);
        AssertDecision(new StaticQuorum(3).Decide(View(3, Up(4), 1, 2)), SbrDecisionKind.DownReachable, 3, 4);
    }

    [Fact]
    public void More_than_twice_the_quorum_minus_one_members_downs_all()
    {
        AssertDecision(new StaticQuorum(3).Decide(View(1, Up(6), 6)), SbrDecisionKind.DownAll, 1, 2, 3, 4, 5, 6);
    }

    [Fact]
    public void The_role_restricts_the_count()
    {
        var members = new[] { M(1, MemberStatus.Up, 1, "q"), M(2, MemberStatus.Up, 2, "q"), M(3, MemberStatus.Up, 3), M(4, MemberStatus.Up, 4), M(5, MemberStatus.Up, 5, "q") };
        AssertDecision(new StaticQuorum(2, "q").Decide(View(1, members, 3, 4, 5)), SbrDecisionKind.DownUnreachable, 3, 4, 5);
    }

    [Fact]
    public void Quorum_size_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StaticQuorum(0));
    }
}
