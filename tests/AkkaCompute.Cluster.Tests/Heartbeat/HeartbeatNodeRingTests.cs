using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Heartbeat;

public sealed class HeartbeatNodeRingTests
{
    private static UniqueAddress[] Nodes(int n) => Enumerable.Range(1, n).Select(i => Node(i)).ToArray();

    [Theory]
    [InlineData(20, 9)]
    [InlineData(100, 9)]
    [InlineData(11, 3)]
    [InlineData(1000, 9)]
    public void Every_node_sends_to_n_others_and_is_monitored_by_exactly_n_others(int size, int monitoredBy)
    {
        var nodes = Nodes(size);
        var ring = new HeartbeatNodeRing(nodes[0], nodes, null, monitoredBy);
        var monitoredByCount = nodes.ToDictionary(n => n, _ => 0);
        foreach (var sender in nodes)
        {
            var receivers = ring.Receivers(sender);
            Assert.Equal(monitoredBy, receivers.Count);
            Assert.DoesNotContain(sender, receivers);
            foreach (var r in receivers)
            {
                monitoredByCount[r]++;
            }
        }

        Assert.All(monitoredByCount.Values, count => Assert.Equal(monitoredBy, count));
    }

    [Fact]
    public void In_a_small_cluster_everyone_monitors_everyone()
    {
        var nodes = Nodes(5);
        var ring = new HeartbeatNodeRing(nodes[2], nodes, null, 9);
        Assert.Equal(nodes.Except([nodes[2]]).ToHashSet(), ring.MyReceivers.ToHashSet());
        Assert.Equal(4, new HeartbeatNodeRing(nodes[0], nodes, null, 4).MyReceivers.Count);
        Assert.Empty(new HeartbeatNodeRing(nodes[0], [nodes[0]], null, 9).MyReceivers);
    }

    [Fact]
    public void Every_node_computes_the_same_ring_whatever_the_input_order()
    {
        var nodes = Nodes(30);
        var a = new HeartbeatNodeRing(nodes[0], nodes, null, 5);
        var b = new HeartbeatNodeRing(nodes[7], nodes.Reverse(), null, 5);
        Assert.Equal(a.Ring, b.Ring);
        Assert.Equal(a.Receivers(nodes[7]), b.MyReceivers);
        Assert.NotEqual(nodes, a.Ring); // hashed, not address order
    }

    [Fact]
    public void Receivers_are_the_next_nodes_clockwise()
    {
        var nodes = Nodes(10);
        var ring = new HeartbeatNodeRing(nodes[0], nodes, null, 3);
        var order = ring.Ring;
        for (var i = 0; i < order.Count; i++)
        {
            var expected = Enumerable.Range(1, 3).Select(k => order[(i + k) % order.Count]).ToHashSet();
            Assert.Equal(expected, ring.Receivers(order[i]).ToHashSet());
        }
    }

    [Fact]
    public void Unreachable_nodes_on_the_way_are_added_but_do_not_count_towards_the_quota()
    {
        var nodes = Nodes(10);
        var order = new HeartbeatNodeRing(nodes[0], nodes, null, 3).Ring;
        var sender = order[0];
        var ring = new HeartbeatNodeRing(sender, nodes, [order[1], order[2]], 3);
        // order[1] and order[2] are unreachable: included (fewer than 3 chosen so far), then three reachable ones.
        Assert.Equal(new[] { order[1], order[2], order[3], order[4], order[5] }.ToHashSet(), ring.MyReceivers.ToHashSet());

        var many = new HeartbeatNodeRing(sender, nodes, [order[1], order[2], order[3], order[4]], 3);
        // Once three are chosen, further unreachable nodes are skipped.
        Assert.Equal(new[] { order[1], order[2], order[3], order[5], order[6], order[7] }.ToHashSet(), many.MyReceivers.ToHashSet());
    }

    [Fact]
    public void Add_and_remove_nodes()
    {
        var nodes = Nodes(12);
        var ring = new HeartbeatNodeRing(nodes[0], nodes[..11], [nodes[5]], 3);
        Assert.Same(ring, ring.Add(nodes[3]));
        Assert.Equal(12, ring.Add(nodes[11]).Nodes.Count);
        var removed = ring.Remove(nodes[5]);
        Assert.DoesNotContain(nodes[5], removed.Nodes);
        Assert.Empty(removed.Unreachable);
        Assert.Throws<ArgumentException>(() => ring.Remove(nodes[0]));
        Assert.Equal([nodes[1]], ring.WithUnreachable([nodes[1]]).Unreachable);
    }

    [Fact]
    public void Self_must_be_on_the_ring()
    {
        Assert.Throws<ArgumentException>(() => new HeartbeatNodeRing(Node(99), Nodes(3), null, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeartbeatNodeRing(Node(1), Nodes(3), null, 0));
    }
}
