using AkkaCompute.Cluster.Sbr;
using static AkkaCompute.Cluster.Tests.Sbr.SbrTestViews;
using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Sbr;

public sealed class KeepMajorityTests
{
    private static readonly KeepMajority Strategy = new();

    [Fact]
    public void Nothing_unreachable_means_no_decision()
    {
        AssertDecision(Strategy.Decide(View(1, Up(3))), SbrDecisionKind.NoDecision);
        AssertDecision(Strategy.Decide(View(1, Up(3), 1)), SbrDecisionKind.NoDecision);
    }

    [Fact]
    public void The_majority_side_downs_the_minority()
    {
        AssertDecision(Strategy.Decide(View(1, Up(5), 4, 5)), SbrDecisionKind.DownUnreachable, 4, 5);
    }

    [Fact]
    public void The_minority_side_downs_itself()
    {
        AssertDecision(Strategy.Decide(View(4, Up(5), 1, 2, 3)), SbrDecisionKind.DownReachable, 4, 5);
    }

    [Fact]
    public void On_a_tie_the_side_with_the_lowest_address_survives_and_both_sides_agree()
    {
        AssertDecision(Strategy.Decide(View(1, Up(4), 3, 4)), SbrDecisionKind.DownUnreachable, 3, 4);
        AssertDecision(Strategy.Decide(View(3, Up(4), 1, 2)), SbrDecisionKind.DownReachable, 3, 4);
        // The lowest address decides, not the oldest: member 1 is the youngest here.
        var members = new[] { M(1, MemberStatus.Up, 9), M(2, MemberStatus.Up, 1), M(3, MemberStatus.Up, 2), M(4, MemberStatus.Up, 3) };
        AssertDecision(Strategy.Decide(View(2, members, 1, 3)), SbrDecisionKind.DownReachable, 2, 4);
    }

    [Fact]
    public void Only_members_with_the_role_are_counted_but_everyone_on_the_losing_side_is_downed()
    {
        var members = new[] { M(1, MemberStatus.Up, 1), M(2, MemberStatus.Up, 2), M(3, MemberStatus.Up, 3, "db"), M(4, MemberStatus.Up, 4, "db"), M(5, MemberStatus.Up, 5, "db") };
        // Side {1, 2} has no db member; side {3, 4, 5} has all three.
        AssertDecision(new KeepMajority("db").Decide(View(1, members, 3, 4, 5)), SbrDecisionKind.DownReachable, 1, 2);
        AssertDecision(new KeepMajority().Decide(View(1, members, 3, 4, 5)), SbrDecisionKind.DownReachable, 1, 2);
        AssertDecision(new KeepMajority("db").Decide(View(3, members, 1, 2)), SbrDecisionKind.DownUnreachable, 1, 2);
    }

    [Fact]
    public void No_member_with_the_role_downs_all()
    {
        AssertDecision(new KeepMajority("nope").Decide(View(1, Up(3), 3)), SbrDecisionKind.DownAll, 1, 2, 3);
    }

    [Fact]
    public void Joining_members_do_not_count_but_are_downed_with_their_side()
    {
        var members = Up(3).Append(M(4, MemberStatus.Joining)).Append(M(5, MemberStatus.WeaklyUp)).ToArray();
        AssertDecision(Strategy.Decide(View(3, members, 1, 2)), SbrDecisionKind.DownReachable, 3, 4, 5);
        AssertDecision(Strategy.Decide(View(1, members, 3)), SbrDecisionKind.DownUnreachable, 3);
    }

    [Fact]
    public void A_majority_that_could_flip_with_joining_members_on_the_other_side_downs_all()
    {
        var members = Up(3).Append(M(4, MemberStatus.Joining)).Append(M(5, MemberStatus.Joining)).ToArray();
        AssertDecision(Strategy.Decide(View(1, members, 3, 4, 5)), SbrDecisionKind.DownAll, 1, 2, 3, 4, 5);
    }

    [Fact]
    public void Down_and_exiting_members_neither_count_nor_are_downed_again()
    {
        var members = Up(3).Append(M(4, MemberStatus.Down)).Append(M(5, MemberStatus.Exiting)).ToArray();
        AssertDecision(Strategy.Decide(View(1, members, 3, 4, 5)), SbrDecisionKind.DownUnreachable, 3);
    }
}
