using System.Collections.Immutable;

namespace AkkaCompute.Cluster.Tests;

/// <summary>Nodes, members and gossips for tests. Node i has port 2550 + i, so address order is numeric order.</summary>
internal static class TestNodes
{
    public static Address Addr(int i) => new("akc.tcp", "sys", "host", 2550 + i);

    public static UniqueAddress Node(int i, long uid = 0) => new(Addr(i), uid == 0 ? i : uid);

    public static Member M(int i, MemberStatus status = MemberStatus.Up, int upNumber = Member.NotUp, params string[] roles) =>
        Member.Create(Node(i), status, roles, upNumber == Member.NotUp && status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting ? i : upNumber);

    public static Gossip G(params Member[] members) => Gossip.Create(members);

    /// <summary>A gossip seen by every member.</summary>
    public static Gossip SeenByAll(Gossip g) => g.Members.Aggregate(g, (acc, m) => acc.Seen(m.UniqueAddress));

    public static VectorClockNode V(int i) => VectorClockNode.For(Node(i));

    public static ImmutableSortedSet<UniqueAddress> Set(params int[] nodes) => nodes.Select(n => Node(n)).ToImmutableSortedSet();
}
