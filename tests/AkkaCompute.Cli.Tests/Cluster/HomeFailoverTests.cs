using AkkaCompute.Client;
using AkkaCompute.Compute.Tasks;
using Xunit.Abstractions;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// Durable acceptance on real <c>akc node</c> processes (akc.cluster.acceptance = majority, the default): the member that
/// acknowledged a job (its home) is killed with SIGKILL while the job runs; the client fails over to another contact and
/// still gets every acknowledged task's result, because a majority held the batch and the successor home took it over.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class HomeFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_home_of_a_running_job_loses_no_acknowledged_task()
    {
        using var h = new CliHarness();
        await using var cluster = await NodeCluster.StartAsync(3, h.Root);
        await NodeCluster.AwaitMembersAsync(cluster.Nodes, cluster.Nodes);
        await using var client = await ComputeClient.ConnectAsync(cluster.Nodes.Select(n => n.Address.ToString()).ToArray());
        var deadline = DateTime.UtcNow + NodeCluster.Deadline;
        while ((await client.MembersAsync()).Count < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "the contact's peer did not see 3 members in time");
            await Task.Delay(50);
        }

        var tasks = Enumerable.Range(0, 30).Select(i => new TaskSpec { Id = $"d{i:D3}", Kind = TaskKind.Shell, Command = "sleep 1; echo $PPID" }).ToList();
        var outcome = await client.SubmitAsync(tasks, "durable");
        Assert.Equal(30, outcome.Accepted.Count);

        // The home is the member whose merkle clock entry ticked on acceptance.
        AkcNodeProcess? home = null;
        while (home is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "no member's clock entry ticked");
            var clock = await client.ClockAsync();
            home = cluster.Nodes.FirstOrDefault(n => clock[n.Address.ToString()] > 0);
            if (home is null)
            {
                await Task.Delay(50);
            }
        }

        home.KillHard();
        var results = await Task.WhenAll(tasks.Select(t => client.WaitForResultAsync(t.Id).WaitAsync(NodeCluster.Deadline)));

        Assert.All(results, r => Assert.Equal(TaskState.Succeeded, r.State));
        Assert.Equal(tasks.Select(t => t.Id).Order(), results.Select(r => r.TaskId).Order());
        output.WriteLine($"killed home {home.Address} (pid {home.Pid}); results from pids {string.Join(", ", results.Select(r => r.Output!.Value.GetProperty("stdout").GetString()!.Trim()).Distinct())}");
    }
}
