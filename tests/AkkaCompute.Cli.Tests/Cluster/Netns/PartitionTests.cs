namespace AkkaCompute.Cli.Tests.Cluster.Netns;

/// <summary>
/// Real network partitions between <c>akc node</c> processes (Akka.Cluster members with hocon/lan.conf and the keep-majority split-brain
/// resolver), each in its own network namespace (see <see cref="NetnsNetwork"/>). Opt-in: compiled only with <c>-p:AkcNetnsTests=true</c>
/// and run by <c>tests/AkkaCompute.Cli.Tests/Cluster/Netns/run-partition-tests.sh</c>, because it needs root. Run that way without
/// root or iproute2, it fails and says which is missing. The safety assertion of both: never two sides that both go on as a cluster.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class PartitionTests
{
    private static readonly int[] Majority = [0, 1, 2];
    private static readonly int[] Minority = [3, 4];

    [Fact]
    public async Task A_3_2_split_under_keep_majority_downs_the_side_of_2_and_the_side_of_3_converges()
    {
        await WithFiveNodesAsync(async (net, nodes) =>
        {
            net.Split(Minority);

            var majority = Majority.Select(i => nodes[i]).ToList();
            await NodeCluster.AwaitMembersAsync(majority, majority);
            foreach (var n in Minority.Select(i => nodes[i]))
            {
                Assert.Equal(1, await n.WaitForExitAsync(NodeCluster.Deadline)); // downed itself: "was downed by the cluster"
                Assert.Contains(n.Output, l => l.StartsWith($"node {n.Address} was downed", StringComparison.Ordinal));
            }

            foreach (var n in majority)
            {
                await n.AwaitLineAsync($"member Removed {nodes[3].Address} (was Down)", NodeCluster.Deadline);
                await n.AwaitLineAsync($"member Removed {nodes[4].Address} (was Down)", NodeCluster.Deadline);
            }

            await AssertAtMostOneClusterAsync(nodes);
        });
    }

    [Fact]
    public async Task An_asymmetric_partition_where_the_2_cannot_send_to_the_3_still_ends_with_at_most_one_cluster()
    {
        await WithFiveNodesAsync(async (net, nodes) =>
        {
            net.DropFrom(Minority, Majority); // 3 and 4 still receive what 0, 1 and 2 send; their own packets to them vanish

            // First the failure detectors must notice (someone unreachable, or someone already downed), then the cluster settles.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!nodes.Any(n => n.HasExited) && !(await Task.WhenAll(nodes.Select(n => n.TryStatusAsync()))).Any(s => s is { Unreachable.Count: > 0 }))
            {
                Assert.True(clock.Elapsed < NodeCluster.Deadline, "nobody noticed the asymmetric partition\n" + string.Join("\n", nodes.Select(n => n.Describe())));
                await Task.Delay(100);
            }

            await AssertAtMostOneClusterAsync(nodes);
            var live = nodes.Where(n => !n.HasExited).ToList();
            Assert.True(live.Count < nodes.Count, "the asymmetric partition downed nobody:\n" + string.Join("\n", nodes.Select(n => n.Describe())));
            Assert.DoesNotContain(nodes[3], live);
            Assert.DoesNotContain(nodes[4], live);
        });
    }

    [Fact]
    public async Task A_3_2_split_during_a_job_reowns_the_tasks_of_the_2_and_every_task_has_one_result_after_the_heal()
    {
        await WithFiveNodesAsync(async (net, nodes, root) =>
        {
            // The client runs in a sixth namespace on the side of 3. Each task notes where it started, then takes 0.3 s.
            var started = Path.Combine(root, "started.txt");
            var ids = Enumerable.Range(0, 200).Select(i => $"p{i:D3}").ToList();
            var job = Path.Combine(root, "partition-job.conf");
            await File.WriteAllTextAsync(job, "tasks = [\n" + string.Join("\n", ids.Select(id => $"  {{ id = \"{id}\", shell = \"echo {id} $PPID >> '{started}'; sleep 0.3; echo $PPID\" }}")) + "\n]\n");
            var results = Path.Combine(root, "partition.results.jsonl");
            using var run = AkcCliProcess.StartIn(net.Namespace(5), root, "run", job, "--contact", nodes[0].Address.ToString(), "--output", results, "--no-progress");

            // Split once both members of the 2 run tasks.
            var minorityPids = Minority.Select(i => nodes[i].Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!minorityPids.All(pid => File.Exists(started) && File.ReadLines(started).Any(l => l.EndsWith(" " + pid, StringComparison.Ordinal))))
            {
                Assert.True(clock.Elapsed < NodeCluster.Deadline, "the members of the 2 never ran a task\n" + run.Describe());
                await Task.Delay(50);
            }

            net.Split(Minority);
            var runCode = await run.WaitForExitAsync(NodeCluster.Deadline * 3);
            Assert.True(runCode == 0, $"akc run exited {runCode}\n{run.Describe()}\n{File.ReadAllText(results)}");
            foreach (var n in Minority.Select(i => nodes[i]))
            {
                Assert.Equal(1, await n.WaitForExitAsync(NodeCluster.Deadline)); // downed by keep-majority
            }

            net.Heal(Minority);
            await AssertAtMostOneClusterAsync(nodes);

            // Every task has exactly one recorded result, all succeeded; a task cut off on the 2 ran again on the 3.
            var lines = CliHarness.ReadJsonLines(results);
            Assert.Equal(ids.Order(), lines.Select(l => l.GetProperty("id").GetString()!).Order());
            Assert.All(lines, l => Assert.Equal("Succeeded", l.GetProperty("state").GetString()));
            var recordedOn = lines.ToDictionary(l => l.GetProperty("id").GetString()!, l => l.GetProperty("output").GetProperty("stdout").GetString()!.Trim());
            var startedOnMinority = File.ReadLines(started).Select(l => l.Split(' ')).Where(p => minorityPids.Contains(p[1])).Select(p => p[0]).ToHashSet();
            Assert.Contains(startedOnMinority, id => !minorityPids.Contains(recordedOn[id]));
        }, clientNamespace: true);
    }

    /// <summary>
    /// Waits (with a deadline) until the cluster settled: every node has either exited or answers with a converged view without
    /// unreachable members. Then every live node must see the same members, all Up, and exactly the live nodes: two live groups
    /// that each go on as a cluster fail here.
    /// </summary>
    private static async Task AssertAtMostOneClusterAsync(IReadOnlyList<AkcNodeProcess> nodes)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var views = new List<(AkcNodeProcess Node, AkkaCompute.Cli.Management.ClusterStatusDto Status)>();
            var settled = true;
            foreach (var n in nodes.Where(n => !n.HasExited))
            {
                var s = await n.TryStatusAsync();
                if (n.HasExited)
                {
                    continue;
                }

                if (s is null || !s.Convergence || s.Unreachable.Count > 0 || s.Members.Any(m => m.Status != "Up"))
                {
                    settled = false;
                    break;
                }

                views.Add((n, s));
            }

            if (settled)
            {
                var liveAddresses = views.Select(v => v.Node.Address.ToString()).Order().ToList();
                foreach (var (node, status) in views)
                {
                    Assert.True(liveAddresses.SequenceEqual(status.Members.Select(m => m.Address).Order()),
                        $"{node.Address} goes on with members [{string.Join(", ", status.Members.Select(m => m.Address))}] while the live nodes are [{string.Join(", ", liveAddresses)}]: two clusters\n" +
                        string.Join("\n", nodes.Select(n => n.Describe())));
                }

                return;
            }

            Assert.True(clock.Elapsed < NodeCluster.Deadline * 2, "the cluster did not settle after the partition\n" + string.Join("\n", nodes.Select(n => n.Describe())));
            await Task.Delay(200);
        }
    }

    private static Task WithFiveNodesAsync(Func<NetnsNetwork, List<AkcNodeProcess>, Task> test) =>
        WithFiveNodesAsync((net, nodes, _) => test(net, nodes));

    /// <summary>Five nodes in namespaces 0 to 4; with <paramref name="clientNamespace"/> a sixth namespace (5) on the same bridge for a client.</summary>
    private static async Task WithFiveNodesAsync(Func<NetnsNetwork, List<AkcNodeProcess>, string, Task> test, bool clientNamespace = false)
    {
        if (NetnsNetwork.Unavailable() is { } why)
        {
            Assert.Fail($"the partition test cannot run: {why}");
        }

        using var h = new CliHarness();
        using var net = NetnsNetwork.Create(clientNamespace ? 6 : 5);
        var seeds = new[] { $"akka.tcp://akc@{NetnsNetwork.Ip(0)}:2552", $"akka.tcp://akc@{NetnsNetwork.Ip(1)}:2552" };
        var nodes = new List<AkcNodeProcess>();
        try
        {
            await NodeCluster.StartOneByOneAsync(Enumerable.Range(0, 5).Select(i => (Func<Task<AkcNodeProcess>>)(() =>
                AkcNodeProcess.StartAsync(NetnsNetwork.Ip(i), 2552, seeds, h.Root, net.Namespace(i), managementPort: 9110))), nodes);
            await NodeCluster.AwaitMembersAsync(nodes, nodes);
            await test(net, nodes, h.Root);
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
