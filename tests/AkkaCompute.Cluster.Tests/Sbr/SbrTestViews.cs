using System.Collections.Immutable;
using AkkaCompute.Cluster.Sbr;
using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Sbr;

internal static class SbrTestViews
{
    /// <summary>A view from <paramref name="self"/> of <paramref name="members"/> with <paramref name="unreachable"/> unreachable.</summary>
    public static SbrView View(int self, Member[] members, params int[] unreachable) =>
        new(Node(self), members.ToImmutableSortedSet(), Set(unreachable));

    /// <summary>Members 1..n, all Up, member i with up-number i (member 1 is the oldest).</summary>
    public static Member[] Up(int n, params string[] roles) => Enumerable.Range(1, n).Select(i => M(i, MemberStatus.Up, i, roles)).ToArray();

    public static void AssertDecision(SbrDecision decision, SbrDecisionKind kind, params int[] downed)
    {
        Assert.Equal(kind, decision.Kind);
        Assert.Equal(Set(downed), decision.NodesToDown);
    }
}
