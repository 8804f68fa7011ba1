using AkkaCompute.Cluster.Sbr;
using static AkkaCompute.Cluster.Tests.Sbr.SbrTestViews;
using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Sbr;

public sealed class KeepOldestTests
{
    [Fact]
    public void The_side_with_the_oldest_survives_even_as_a_minority()
    {
        AssertDecision(new KeepOldest().Decide(View(1, Up(5), 3, 4, 5)), SbrDecisionKind.DownUnreachable, 3, 4, 5);
    }

    [Fact]
    public void The_side_without_the_oldest_downs_itself_even_as_a_majority()
    {
        AssertDecision(new KeepOldest().Decide(View(3, Up(5), 1, 2)), SbrDecisionKind.DownReachable, 3, 4, 5);
    }

    [Fact]
    public void Age_is_the_up_number_not_the_address()
    {
        var members = new[] { M(1, MemberStatus.Up, 5), M(2, MemberStatus.Up, 4), M(3, MemberStatus.Up, 1) };
        AssertDecision(new KeepOldest(downIfAlone: false).Decide(View(1, members, 3)), SbrDecisionKind.DownReachable, 1, 2);
        // With down-if-alone the lone oldest (3) is downed instead.
        AssertDecision(new KeepOldest(downIfAlone: true).Decide(View(1, members, 3)), SbrDecisionKind.DownUnreachable, 3);
    }

    [Fact]
    public void A_lone_oldest_downs_itself_with_down_if_alone()
    {
        AssertDecision(new KeepOldest(downIfAlone: true).Decide(View(1, Up(4), 2, 3, 4)), SbrDecisionKind.DownReachable, 1);
        AssertDecision(new KeepOldest(downIfAlone: true).Decide(View(2, Up(4), 1)), SbrDecisionKind.DownUnreachable, 1);
    }

    [Fact]
    public void A_lone_oldest_survives_without_down_if_alone()
    {
        AssertDecision(new KeepOldest(downIfAlone: false).Decide(View(1, Up(4), 2, 3, 4)), SbrDecisionKind.DownUnreachable, 2, 3, 4);
        AssertDecision(new KeepOldest(downIfAlone: false).Decide(View(2, Up(4), 1)), SbrDecisionKind.DownReachable, 2, 3, 4);
    }

    [Fact]
    public void In_a_two_member_cluster_the_oldest_is_kept_even_alone()
    {
        AssertDecision(new KeepOldest(downIfAlone: true).Decide(View(1, Up(2), 2)), SbrDecisionKind.DownUnreachable, 2);
        AssertDecision(new KeepOldest(downIfAlone: true).Decide(View(2, Up(2), 1)), SbrDecisionKind.DownReachable, 2);
    }

    [Fact]
    public void The_oldest_with_the_role_decides()
    {
        var members = new[] { M(1, MemberStatus.Up, 1), M(2, MemberStatus.Up, 2, "r"), M(3, MemberStatus.Up, 3, "r") };
        AssertDecision(new KeepOldest(false, "r").Decide(View(2, members, 1)), SbrDecisionKind.DownUnreachable, 1);
        AssertDecision(new KeepOldest(false).Decide(View(2, members, 1)), SbrDecisionKind.DownReachable, 2, 3);
    }

    [Fact]
    public void An_oldest_that_is_leaving_can_flip_the_answer_so_all_are_downed()
    {
        // Oldest (1) is Leaving on our side; without it the oldest is 3 on the other side.
        var members = new[] { M(1, MemberStatus.Leaving, 1), M(2, MemberStatus.Up, 4), M(3, MemberStatus.Up, 2), M(4, MemberStatus.Up, 3) };
        AssertDecision(new KeepOldest(false).Decide(View(2, members, 3, 4)), SbrDecisionKind.DownAll, 1, 2, 3, 4);
    }
}
