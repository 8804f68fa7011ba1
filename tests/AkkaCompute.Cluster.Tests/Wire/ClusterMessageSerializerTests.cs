using System.Diagnostics;
using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Cluster.Wire;
using AkkaCompute.Remote.Serialization;
using Xunit.Abstractions;
using static AkkaCompute.Cluster.Tests.Wire.WireTestData;

namespace AkkaCompute.Cluster.Tests.Wire;

public class ClusterMessageSerializerTests(ITestOutputHelper output)
{
    private readonly SerializationRegistry _registry = Registry();

    [Fact]
    public void Every_cluster_message_type_is_bound_to_serializer_20()
    {
        Assert.IsType<ClusterMessageSerializer>(_registry.FindSerializerFor(new InitJoin(TestNodes.Node(1))));
        Assert.IsType<ClusterMessageSerializer>(_registry.FindSerializerFor(new GossipEnvelope(TestNodes.Node(1), TestNodes.Node(2), Gossip.Empty)));
        Assert.Equal(20, ClusterMessageSerializer.Id);
    }

    [Fact]
    public void Node_messages_round_trip()
    {
        var node = new UniqueAddress(new Address("akc.tcp", "akc", "10.1.2.3", 65535), long.MaxValue);
        Assert.Equal(new InitJoin(node), RoundTrip(_registry, new InitJoin(node)));
        Assert.Equal(new InitJoinAck(node), RoundTrip(_registry, new InitJoinAck(node)));
        Assert.Equal(new InitJoinNack(node), RoundTrip(_registry, new InitJoinNack(node)));
        Assert.Equal(new ExitingConfirmed(node), RoundTrip(_registry, new ExitingConfirmed(node)));
        Assert.Equal(new AkkaCompute.Cluster.Protocol.Heartbeat(node, 42), RoundTrip(_registry, new AkkaCompute.Cluster.Protocol.Heartbeat(node, 42)));
        Assert.Equal(new HeartbeatRsp(node, long.MaxValue), RoundTrip(_registry, new HeartbeatRsp(node, long.MaxValue)));
        Assert.Equal(new Leave(node.Address), RoundTrip(_registry, new Leave(node.Address)));
        Assert.Equal(new Down(node.Address), RoundTrip(_registry, new Down(node.Address)));
    }

    [Fact]
    public void A_negative_uid_round_trips()
    {
        var node = new UniqueAddress(TestNodes.Addr(1), -5);
        Assert.Equal(new InitJoin(node), RoundTrip(_registry, new InitJoin(node)));
    }

    [Fact]
    public void Join_round_trips_with_its_roles()
    {
        var join = RoundTrip(_registry, new Join(TestNodes.Node(3), new HashSet<string> { "b", "a" }));
        Assert.Equal(TestNodes.Node(3), join.Node);
        Assert.True(join.Roles.SetEquals(["a", "b"]));
    }

    [Fact]
    public void Welcome_and_envelope_round_trip_a_gossip_with_every_feature()
    {
        var gossip = Rich();
        var welcome = RoundTrip(_registry, new Welcome(TestNodes.Node(1), gossip));
        Assert.Equal(TestNodes.Node(1), welcome.From);
        AssertSameGossip(gossip, welcome.Gossip);

        var envelope = RoundTrip(_registry, new GossipEnvelope(TestNodes.Node(1), TestNodes.Node(2), gossip));
        Assert.Equal((TestNodes.Node(1), TestNodes.Node(2)), (envelope.From, envelope.To));
        AssertSameGossip(gossip, envelope.Gossip);
    }

    [Fact]
    public void The_empty_gossip_round_trips()
    {
        var envelope = RoundTrip(_registry, new GossipEnvelope(TestNodes.Node(1), TestNodes.Node(2), Gossip.Empty));
        AssertSameGossip(Gossip.Empty, envelope.Gossip);
    }

    [Fact]
    public void Gossip_status_round_trips_version_and_seen()
    {
        var gossip = Rich();
        var status = RoundTrip(_registry, new GossipStatus(TestNodes.Node(1), TestNodes.Node(2), gossip.Version, gossip.SeenBy));
        Assert.Equal(gossip.Version, status.Version);
        Assert.True(status.Seen.SetEquals(gossip.SeenBy));
    }

    [Fact]
    public void A_1000_member_gossip_round_trips_and_names_each_node_once()
    {
        var gossip = Large(1000);
        var clock = Stopwatch.StartNew();
        var (id, manifest, bytes) = Write(_registry, new GossipEnvelope(gossip.Members.Min!.UniqueAddress, gossip.Members.Max!.UniqueAddress, gossip));
        var back = (GossipEnvelope)_registry.Deserialize(id, manifest, bytes);
        clock.Stop();

        output.WriteLine($"1,000-member gossip: {bytes.Length:N0} bytes, serialize + deserialize {clock.Elapsed.TotalMilliseconds:0} ms");
        AssertSameGossip(gossip, back.Gossip);
        Assert.Equal(20, back.Gossip.Overview.Reachability.AllUnreachable.Count);
        // Each member costs its address row (~35 bytes), its member row, its seen index and a clock entry that refers to its address row.
        Assert.InRange(bytes.Length, 40_000, 80_000);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"a 1,000-member round trip took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("GE")]
    [InlineData("W")]
    [InlineData("GS")]
    [InlineData("J")]
    [InlineData("HB")]
    [InlineData("L")]
    [InlineData("IJ")]
    public void Garbage_bytes_are_a_serialization_failure(string manifest)
    {
        var random = new Random(manifest.Length * 7919);
        for (var i = 0; i < 200; i++)
        {
            var garbage = new byte[random.Next(1, 300)];
            random.NextBytes(garbage);
            try
            {
                var message = _registry.Deserialize(ClusterMessageSerializer.Id, manifest, garbage);
                Assert.IsAssignableFrom<ClusterMessage>(message); // rarely, random bytes are a valid message: fine, it is still checked
            }
            catch (SerializationFailedException e)
            {
                Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
            }
        }
    }

    [Fact]
    public void An_empty_payload_is_missing_its_node()
    {
        var e = Assert.Throws<SerializationFailedException>(() => _registry.Deserialize(ClusterMessageSerializer.Id, "IJ", []));
        Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
        Assert.Contains("InitJoin.node", e.Message);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_by_name()
    {
        var e = Assert.Throws<SerializationFailedException>(() => _registry.Deserialize(ClusterMessageSerializer.Id, "NOPE", []));
        Assert.Equal(SerializationFailureReason.UnknownManifest, e.Reason);
    }

    [Fact]
    public void A_truncated_gossip_is_a_serialization_failure()
    {
        var (id, manifest, bytes) = Write(_registry, new GossipEnvelope(TestNodes.Node(1), TestNodes.Node(2), Rich()));
        var e = Assert.Throws<SerializationFailedException>(() => _registry.Deserialize(id, manifest, bytes.AsSpan(0, bytes.Length / 2)));
        Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
    }
}
