using AkkaCompute.Cluster.Wire;
using AkkaCompute.Cluster.Wire.Proto;
using AkkaCompute.Remote.Serialization;
using Google.Protobuf;
using static AkkaCompute.Cluster.Tests.Wire.WireTestData;

namespace AkkaCompute.Cluster.Tests.Wire;

/// <summary>Well-formed protobuf that describes an impossible gossip: refused before anyone can merge it.</summary>
public class MalformedGossipTests
{
    private readonly SerializationRegistry _registry = Registry();

    [Fact]
    public void A_member_index_outside_the_address_table_is_refused()
    {
        var data = GossipWriter.Write(Rich());
        data.Members[0].AddressIndex = 999;
        AssertRefused(data, "members[0].address_index");
    }

    [Fact]
    public void A_role_index_outside_the_role_table_is_refused()
    {
        var data = GossipWriter.Write(Rich());
        data.Members[0].RoleIndexes.Add(-1);
        AssertRefused(data, "role_indexes");
    }

    [Fact]
    public void An_unknown_member_status_is_refused()
    {
        var data = GossipWriter.Write(Rich());
        data.Members[0].Status = (MemberStatusData)42;
        AssertRefused(data, "status");
    }

    [Fact]
    public void An_unspecified_member_status_is_refused()
    {
        var data = GossipWriter.Write(Rich());
        data.Members[1].Status = MemberStatusData.MemberStatusUnspecified;
        AssertRefused(data, "members[1].status");
    }

    [Fact]
    public void A_removed_member_inside_a_gossip_is_refused()
    {
        var data = GossipWriter.Write(Rich());
        data.Members[2].Status = MemberStatusData.MemberStatusRemoved;
        AssertRefused(data, "Removed");
    }

    [Fact]
    public void The_same_member_twice_is_refused()
    {
        var data = GossipWriter.Write(Rich());
        data.Members.Add(data.Members[0].Clone());
        AssertRefused(data, "twice");
    }

    [Fact]
    public void A_seen_node_that_is_no_member_is_refused()
    {
        var data = GossipWriter.Write(Rich());
        data.AllAddresses.Add(WireConvert.ToData(TestNodes.Node(50)));
        data.Seen.Add(data.AllAddresses.Count - 1);
        AssertRefused(data, MembershipInvariants.SeenOnlyMembers);
    }

    [Fact]
    public void A_clock_time_below_1_is_refused()
    {
        var data = GossipWriter.Write(Rich());
        data.Version[0].Time = 0;
        AssertRefused(data, "version[0].time");
    }

    [Fact]
    public void A_clock_entry_outside_the_address_table_is_refused()
    {
        var data = GossipWriter.Write(Rich());
        data.Version[0].AddressIndex = 500;
        AssertRefused(data, "version[0].address_index");
    }

    [Fact]
    public void A_clock_entry_that_names_no_node_is_refused()
    {
        var data = GossipWriter.Write(Rich());
        data.Version[0].ClearNode();
        AssertRefused(data, "version[0]: the entry names no node");
    }

    [Fact]
    public void A_port_of_0_is_refused()
    {
        var data = GossipWriter.Write(Rich());
        data.AllAddresses[0].Address.Port = 0;
        AssertRefused(data, "all_addresses[0].port");
    }

    [Fact]
    public void A_reachability_record_newer_than_its_observer_is_refused()
    {
        var data = GossipWriter.Write(Rich());
        data.Reachability[0].Subjects.Add(new SubjectReachabilityData
        {
            SubjectIndex = 1,
            Status = ReachabilityStatusData.ReachabilityStatusUnreachable,
            Version = data.Reachability[0].Version + 5,
        });
        AssertRefused(data, "version");
    }

    private void AssertRefused(GossipData gossip, string expectedInMessage)
    {
        var envelope = new GossipEnvelopeData
        {
            From = WireConvert.ToData(TestNodes.Node(1)),
            To = WireConvert.ToData(TestNodes.Node(2)),
            Gossip = gossip,
        };
        var e = Assert.Throws<SerializationFailedException>(() => _registry.Deserialize(ClusterMessageSerializer.Id, "GE", envelope.ToByteArray()));
        Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
        Assert.Contains(expectedInMessage, e.Message);
    }
}
