using AkkaCompute.Cluster.Sbr;
using static AkkaCompute.Cluster.Tests.Sbr.SbrTestViews;
using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Sbr;

public sealed class DownAllNodesTests
{
    [Fact]
    public void Any_unreachability_downs_every_member_not_already_down_or_exiting()
    {
        var members = Up(3).Append(M(4, MemberStatus.Joining)).Append(M(5, MemberStatus.Down)).Append(M(6, MemberStatus.Exiting)).ToArray();
        var decision = new DownAllNodes().Decide(View(1, members, 3));
        AssertDecision(decision, SbrDecisionKind.DownAll, 1, 2, 3, 4);
        Assert.True(decision.DownsSelf(Node(1)));
    }

    [Fact]
    public void Nothing_unreachable_means_no_decision()
    {
        Assert.Equal(SbrDecision.None, new DownAllNodes().Decide(View(1, Up(3))));
    }
}
