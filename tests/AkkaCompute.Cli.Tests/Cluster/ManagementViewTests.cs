using System.Collections.Immutable;
using System.Reflection;
using Akka.Actor;
using Akka.Cluster;
using Akka.Util;
using AkkaCompute.Cli.Commands;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>The management endpoint's pure parts over Akka.Cluster's state: address resolution, the status document and the table of akc cluster show.</summary>
public sealed class ManagementViewTests
{
    internal static UniqueAddress Node(int port, int uid = 1, string system = "akc") => new(new Address("akka.tcp", system, "127.0.0.1", port), uid);

    /// <summary>A member as Akka's gossip would hold it (Akka keeps Member's factory internal; its own tests use it the same way).</summary>
    internal static Member Member(UniqueAddress node, int upNumber, MemberStatus status, params string[] roles) =>
        (Member)typeof(Member).GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static,
            [typeof(UniqueAddress), typeof(int), typeof(MemberStatus), typeof(ImmutableHashSet<string>), typeof(AppVersion)])!
            .Invoke(null, [node, upNumber, status, ImmutableHashSet.Create(roles), AppVersion.Zero])!;

    /// <summary>Three members; 3 is Leaving and unreachable; 1 and 2 have seen the gossip; 1 leads.</summary>
    private static ClusterEvent.CurrentClusterState ThreeMembers()
    {
        var m3 = Member(Node(3), 3, MemberStatus.Leaving);
        return new ClusterEvent.CurrentClusterState(
            [Member(Node(1), 1, MemberStatus.Up, "compute"), Member(Node(2), 2, MemberStatus.Up), m3],
            [m3],
            [Node(1).Address, Node(2).Address],
            Node(1).Address,
            ImmutableDictionary<string, Address?>.Empty);
    }

    private static IReadOnlyCollection<Member> Members(ClusterEvent.CurrentClusterState s) => s.Members;

    [Theory]
    [InlineData("akka.tcp://akc@127.0.0.1:2")]
    [InlineData("127.0.0.1:2")]
    [InlineData("  127.0.0.1:2 ")]
    public void A_member_is_found_by_full_address_or_host_and_port(string text)
    {
        Assert.True(AddressResolver.TryResolveMember(Members(ThreeMembers()), text, out var member, out var error), error);
        Assert.Equal(Node(2), member.UniqueAddress);
    }

    [Fact]
    public void An_unknown_address_lists_the_members()
    {
        Assert.False(AddressResolver.TryResolveMember(Members(ThreeMembers()), "127.0.0.1:9", out _, out var error));
        Assert.Equal("unknown address '127.0.0.1:9': it is not a member of this cluster. Members: akka.tcp://akc@127.0.0.1:1, akka.tcp://akc@127.0.0.1:2, akka.tcp://akc@127.0.0.1:3", error);
    }

    [Fact]
    public void Host_and_port_matching_two_systems_asks_for_the_full_address()
    {
        Member[] members = [Member(Node(2), 1, MemberStatus.Up), Member(Node(2, 5, "other"), 2, MemberStatus.Up)];
        Assert.False(AddressResolver.TryResolveMember(members, "127.0.0.1:2", out _, out var error));
        Assert.Contains("matches 2 members; give the full address", error);
    }

    [Theory]
    [InlineData("", "give the member's address")]
    [InlineData("nonsense", "is not an address")]
    [InlineData("akka.tcp://akc", "has no host and port")]
    [InlineData("not an address://x", "is not a node address")]
    public void Malformed_addresses_say_what_is_expected(string text, string expected)
    {
        Assert.False(AddressResolver.TryResolveMember(Members(ThreeMembers()), text, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void The_status_document_marks_leader_self_reachability_age_and_the_observing_self()
    {
        var status = ClusterStatusBuilder.Build(ThreeMembers(), Node(2), a => a.Equals(Node(3).Address));

        Assert.Equal(("akka.tcp://akc@127.0.0.1:2", "Up", "akka.tcp://akc@127.0.0.1:1"), (status.Self, status.SelfStatus, status.Leader));
        Assert.Equal([true, true, false], status.Members.Select(m => m.Reachable));
        Assert.Equal([true, false, false], status.Members.Select(m => m.IsLeader));
        Assert.Equal([false, true, false], status.Members.Select(m => m.IsSelf));
        Assert.Equal([1, 2, 3], status.Members.Select(m => m.UpNumber));
        Assert.Equal(["compute"], status.Members[0].Roles);
        Assert.False(status.Convergence); // a Leaving member is unreachable
        var unreachable = Assert.Single(status.Unreachable);
        Assert.Equal(("akka.tcp://akc@127.0.0.1:3", "Unreachable"), (unreachable.Address, unreachable.Status));
        Assert.Equal(["akka.tcp://akc@127.0.0.1:2"], unreachable.ObservedBy);
    }

    [Fact]
    public void Convergence_follows_Akka_an_unreachable_Down_member_does_not_block_and_an_unseen_Up_member_does()
    {
        var down = Member(Node(3), 3, MemberStatus.Down);
        Member[] members = [Member(Node(1), 1, MemberStatus.Up), Member(Node(2), 2, MemberStatus.Up), down, Member(Node(4), int.MaxValue, MemberStatus.Joining)];
        ClusterEvent.CurrentClusterState State(params Address[] seen) =>
            new(members.ToImmutableSortedSet(), [down], [.. seen], Node(1).Address, ImmutableDictionary<string, Address?>.Empty);

        Assert.True(ClusterStatusBuilder.Convergence(State(Node(1).Address, Node(2).Address)));
        Assert.False(ClusterStatusBuilder.Convergence(State(Node(1).Address)));
        var status = ClusterStatusBuilder.Build(State(Node(1).Address, Node(2).Address), Node(1), _ => false);
        Assert.Null(status.Members.Single(m => m.Status == "Joining").UpNumber);
        Assert.Empty(status.Unreachable.Single().ObservedBy);
    }

    [Fact]
    public void The_table_shows_every_member_unwrapped_and_a_summary()
    {
        var text = new StringWriter();
        ClusterShowView.Write(text, ClusterStatusBuilder.Build(ThreeMembers(), Node(2), _ => true));
        var output = text.ToString();

        Assert.Contains("akka.tcp://akc@127.0.0.1:1", output);
        Assert.Contains("leader", output);
        Assert.Contains("unreachable: akka.tcp://akc@127.0.0.1:3 (observed by akka.tcp://akc@127.0.0.1:2)", output);
        Assert.Contains("3 members (2 up, 1 unreachable), leader akka.tcp://akc@127.0.0.1:1, not converged; answered by akka.tcp://akc@127.0.0.1:2 (Up)", output);
    }

    [Fact]
    public void A_node_outside_any_cluster_says_how_to_join()
    {
        var text = new StringWriter();
        var empty = new ClusterEvent.CurrentClusterState();
        ClusterShowView.Write(text, ClusterStatusBuilder.Build(empty, Node(2), _ => false));
        Assert.Contains("is not a member of a cluster (status Removed); join one with: akc cluster join SEED", text.ToString());
    }
}
