using AkkaCompute.Actors;
using AkkaCompute.Cli.Commands;
using AkkaCompute.Cli.Management;
using AkkaCompute.Cluster;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>The management endpoint's pure parts: address resolution, the status document and the table of akc cluster show.</summary>
public sealed class ManagementViewTests
{
    private static UniqueAddress Node(int port, long uid = 1) => new(new Address("akc.tcp", "akc", "127.0.0.1", port), uid);

    private static Gossip ThreeMembers()
    {
        var reachability = Reachability.Empty.Unreachable(Node(1), Node(3));
        return Gossip.Create(
            [Member.Create(Node(1), MemberStatus.Up, ["compute"], 1), Member.Create(Node(2), MemberStatus.Up, [], 2), Member.Create(Node(3), MemberStatus.Leaving, [], 3)],
            new GossipOverview([Node(1), Node(2)], reachability));
    }

    [Theory]
    [InlineData("akc.tcp://akc@127.0.0.1:2")]
    [InlineData("127.0.0.1:2")]
    [InlineData("  127.0.0.1:2 ")]
    public void A_member_is_found_by_full_address_or_host_and_port(string text)
    {
        Assert.True(AddressResolver.TryResolveMember(ThreeMembers(), text, out var member, out var error), error);
        Assert.Equal(Node(2), member.UniqueAddress);
    }

    [Fact]
    public void An_unknown_address_lists_the_members()
    {
        Assert.False(AddressResolver.TryResolveMember(ThreeMembers(), "127.0.0.1:9", out _, out var error));
        Assert.Equal("unknown address '127.0.0.1:9': it is not a member of this cluster. Members: akc.tcp://akc@127.0.0.1:1, akc.tcp://akc@127.0.0.1:2, akc.tcp://akc@127.0.0.1:3", error);
    }

    [Fact]
    public void Host_and_port_matching_two_systems_asks_for_the_full_address()
    {
        var other = new UniqueAddress(new Address("akc.tcp", "other", "127.0.0.1", 2), 5);
        var gossip = Gossip.Create([Member.Create(Node(2), MemberStatus.Up, [], 1), Member.Create(other, MemberStatus.Up, [], 2)]);
        Assert.False(AddressResolver.TryResolveMember(gossip, "127.0.0.1:2", out _, out var error));
        Assert.Contains("matches 2 members; give the full address", error);
    }

    [Theory]
    [InlineData("", "give the member's address")]
    [InlineData("nonsense", "is not an address")]
    [InlineData("akc.tcp://akc", "has no host and port")]
    public void Malformed_addresses_say_what_is_expected(string text, string expected)
    {
        Assert.False(AddressResolver.TryResolveMember(ThreeMembers(), text, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void The_status_document_marks_leader_self_reachability_and_observers()
    {
        var status = ClusterStatusBuilder.Build(ThreeMembers(), Node(2));

        Assert.Equal(("akc.tcp://akc@127.0.0.1:2", "Up", "akc.tcp://akc@127.0.0.1:1"), (status.Self, status.SelfStatus, status.Leader));
        Assert.Equal([true, true, false], status.Members.Select(m => m.Reachable));
        Assert.Equal([true, false, false], status.Members.Select(m => m.IsLeader));
        Assert.Equal([false, true, false], status.Members.Select(m => m.IsSelf));
        Assert.Equal(["compute"], status.Members[0].Roles);
        var unreachable = Assert.Single(status.Unreachable);
        Assert.Equal(("akc.tcp://akc@127.0.0.1:3", "Unreachable"), (unreachable.Address, unreachable.Status));
        Assert.Equal(["akc.tcp://akc@127.0.0.1:1"], unreachable.ObservedBy);
    }

    [Fact]
    public void The_table_shows_every_member_unwrapped_and_a_summary()
    {
        var text = new StringWriter();
        ClusterShowView.Write(text, ClusterStatusBuilder.Build(ThreeMembers(), Node(2)));
        var output = text.ToString();

        Assert.Contains("akc.tcp://akc@127.0.0.1:1", output);
        Assert.Contains("leader", output);
        Assert.Contains("unreachable: akc.tcp://akc@127.0.0.1:3 (observed by akc.tcp://akc@127.0.0.1:1)", output);
        Assert.Contains("3 members (2 up, 1 unreachable), leader akc.tcp://akc@127.0.0.1:1, not converged; answered by akc.tcp://akc@127.0.0.1:2 (Up)", output);
    }

    [Fact]
    public void A_node_outside_any_cluster_says_how_to_join()
    {
        var text = new StringWriter();
        ClusterShowView.Write(text, ClusterStatusBuilder.Build(Gossip.Empty, Node(2)));
        Assert.Contains("is not a member of a cluster (status Removed); join one with: akc cluster join SEED", text.ToString());
    }
}
