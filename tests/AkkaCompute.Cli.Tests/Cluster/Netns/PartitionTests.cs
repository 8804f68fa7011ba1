namespace AkkaCompute.Cli.Tests.Cluster.Netns;

/// <summary>
/// A real network partition between <c>akc node</c> processes, each in its own network namespace (see <see cref="NetnsNetwork"/>).
/// Opt-in: compiled only with <c>-p:AkcNetnsTests=true</c> and run by <c>tests/AkkaCompute.Cli.Tests/Cluster/Netns/run-partition-tests.sh</c>,
/// because it needs root. Run that way without root or iproute2, it fails and says which is missing.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class PartitionTests
{
    [Fact]
    public async Task A_3_2_split_under_keep_majority_downs_the_side_of_2_and_the_side_of_3_converges()
    {
        if (NetnsNetwork.Unavailable() is { } why)
        {
            Assert.Fail($"the partition test cannot run: {why}");
        }

        using var h = new CliHarness();
        using var net = NetnsNetwork.Create(5);
        var seeds = new[] { $"akc.tcp://akc@{NetnsNetwork.Ip(0)}:2552", $"akc.tcp://akc@{NetnsNetwork.Ip(1)}:2552" };
        var nodes = new List<AkcNodeProcess>();
        try
        {
            nodes.AddRange(await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
                AkcNodeProcess.StartAsync(NetnsNetwork.Ip(i), 2552, seeds, h.Root, net.Namespace(i), managementPort: 8558))));
            await NodeCluster.AwaitMembersAsync(nodes, nodes);

            net.Split([3, 4]);

            var majority = nodes.Take(3).ToList();
            await NodeCluster.AwaitMembersAsync(majority, majority);
            foreach (var n in nodes.Skip(3))
            {
                Assert.Equal(1, await n.WaitForExitAsync(NodeCluster.Deadline)); // downed: "was downed by the cluster"
                Assert.Contains(n.Output, l => l.StartsWith($"node {n.Address} was downed", StringComparison.Ordinal));
            }

            foreach (var n in majority)
            {
                Assert.Contains(n.Output, l => l == $"member Removed {nodes[3].Address} (was Down)");
                Assert.Contains(n.Output, l => l == $"member Removed {nodes[4].Address} (was Down)");
            }
        }
        finally
        {
            foreach (var n in nodes)
            {
                await n.DisposeAsync();
            }
        }
    }
}
