using System.Collections.Immutable;
using AkkaCompute.Cluster.Wire;
using AkkaCompute.Remote.Serialization;

namespace AkkaCompute.Cluster.Tests.Wire;

/// <summary>A registry with the cluster serializer registered, gossips for round trips, and a structural gossip comparison.</summary>
internal static class WireTestData
{
    public static SerializationRegistry Registry()
    {
        var registry = new SerializationRegistry(new NoRefs());
        ClusterMessageSerializer.Register(registry);
        return registry;
    }

    public static T RoundTrip<T>(SerializationRegistry registry, T message)
        where T : notnull
    {
        var (id, manifest, bytes) = Write(registry, message);
        return (T)registry.Deserialize(id, manifest, bytes);
    }

    public static (int Id, string Manifest, byte[] Bytes) Write(SerializationRegistry registry, object message)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        registry.Serialize(message, buffer, out var id, out var manifest);
        return (id, manifest, buffer.WrittenSpan.ToArray());
    }

    /// <summary>A gossip with every feature: each live status, roles, app versions, seen set, reachability of all kinds, a clock and tombstones.</summary>
    public static Gossip Rich()
    {
        var members = new[]
        {
            Member.Create(TestNodes.Node(1), MemberStatus.Up, ["compute", "frontend"], 1, "1.4.2"),
            Member.Create(TestNodes.Node(2), MemberStatus.Up, ["compute"], 2),
            Member.Create(TestNodes.Node(3), MemberStatus.Joining),
            Member.Create(TestNodes.Node(4), MemberStatus.WeaklyUp, ["frontend"]),
            Member.Create(TestNodes.Node(5), MemberStatus.Leaving, [], 3),
            Member.Create(TestNodes.Node(6), MemberStatus.Exiting, [], 4),
            Member.Create(TestNodes.Node(7), MemberStatus.Down, [], 5),
        };
        var reachability = Reachability.Empty
            .Unreachable(TestNodes.Node(1), TestNodes.Node(7))
            .Terminated(TestNodes.Node(2), TestNodes.Node(7))
            .Unreachable(TestNodes.Node(2), TestNodes.Node(5))
            .Unreachable(TestNodes.Node(3), TestNodes.Node(4))
            .Reachable(TestNodes.Node(3), TestNodes.Node(4)); // observer 3: a version, no rows
        var version = VectorClock.Empty.Increment(TestNodes.V(1)).Increment(TestNodes.V(1)).Increment(TestNodes.V(2))
            .Increment(new VectorClockNode("akc.tcp://sys@gone:1-99"));
        var tombstones = new Dictionary<UniqueAddress, DateTimeOffset>
        {
            [TestNodes.Node(9)] = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(7),
            [TestNodes.Node(10, uid: 77)] = new DateTimeOffset(2025, 1, 2, 3, 4, 6, TimeSpan.FromHours(2)),
        };
        return Gossip.Create(members, new GossipOverview(TestNodes.Set(1, 2, 5), reachability), version, tombstones);
    }

    /// <summary>A gossip of <paramref name="n"/> Up members with two roles, seen by all, a clock entry per member and some unreachable records.</summary>
    public static Gossip Large(int n)
    {
        var members = Enumerable.Range(1, n).Select(i => Member.Create(
            new UniqueAddress(new Address("akc.tcp", "akc", $"10.0.{i / 250}.{i % 250}", 2552), 1_000_000_000_000L + i),
            MemberStatus.Up,
            i % 2 == 0 ? ["compute"] : ["compute", "frontend"],
            i)).ToList();
        var nodes = members.Select(m => m.UniqueAddress).ToList();
        var reachability = Reachability.Empty;
        for (var i = 0; i < 20; i++)
        {
            reachability = reachability.Unreachable(nodes[i], nodes[n - 1 - i]);
        }

        var version = nodes.Aggregate(VectorClock.Empty, (v, node) => v.Increment(VectorClockNode.For(node)));
        return Gossip.Create(members, new GossipOverview(nodes.ToImmutableSortedSet(), reachability), version);
    }

    public static void AssertSameGossip(Gossip expected, Gossip actual)
    {
        Assert.Equal(expected.Members.Count, actual.Members.Count);
        foreach (var (e, a) in expected.Members.Zip(actual.Members))
        {
            Assert.True(e.HasSameState(a), $"{e} != {a}");
            Assert.Equal(e.Roles, a.Roles);
            Assert.Equal(e.AppVersion, a.AppVersion);
        }

        Assert.Equal(expected.Overview, actual.Overview);
        Assert.Equal(expected.Overview.Reachability.Versions, actual.Overview.Reachability.Versions);
        Assert.Equal(VectorClockOrdering.Same, expected.Version.Compare(actual.Version));
        Assert.Equal(expected.Tombstones, actual.Tombstones);
    }

    private sealed class NoRefs : IActorRefResolver
    {
        public string ToSerializationFormat(IActorRef actorRef) => throw new NotSupportedException();

        public IActorRef ResolveActorRef(string path) => throw new NotSupportedException();
    }
}
