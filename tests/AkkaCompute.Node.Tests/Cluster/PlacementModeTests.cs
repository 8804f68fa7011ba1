using System.Collections.Concurrent;
using System.Text.Json;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Peer;
using AkkaCompute.Node.Tests.Peer;
using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Cluster;

/// <summary><c>akc.cluster.placement = home</c>: a home runs what it accepts, and idle members steal its queued tasks.</summary>
public sealed class PlacementModeTests : ClusterTestKit
{
    private static FakeRunner Runner(string node, ConcurrentBag<string> ran, Task? gate = null) => new(async (task, _, ct) =>
    {
        ran.Add(node);
        if (gate is not null)
        {
            await gate.WaitAsync(ct);
        }

        return J($$"""{"node":"{{node}}"}""");
    });

    private static IReadOnlyList<TaskSpec> Tasks(int count) => Enumerable.Range(0, count).Select(i => Fn($"p{i:D3}")).ToList();

    [Fact]
    public void Without_stealing_every_task_runs_on_its_home()
    {
        var ran = new ConcurrentBag<string>();
        StartThree(
            Options(Runner("a", ran)) with { Placement = PlacementMode.Home, WorkStealing = false },
            Options(Runner("b", ran)) with { WorkStealing = false },
            Options(Runner("c", ran)) with { WorkStealing = false });
        var home = Sys.ActorSelection("/user/peer").ResolveOne(TimeSpan.FromSeconds(5)).Result;
        var events = CreateTestProbe();
        home.Tell(new SubscribeTaskEvents(), events.Ref);

        var tasks = Tasks(30);
        home.Tell(new SubmitBatch(tasks, JobId: "home-1"));
        ExpectMsg<BatchAccepted>();
        var results = AwaitResults(events, tasks.Select(t => t.Id).ToArray());

        Assert.All(results.Values, r => Assert.Equal("a", r.Output!.Value.GetProperty("node").GetString()));
    }

    [Fact]
    public void Idle_members_steal_the_queued_tasks_of_a_home_that_keeps_them()
    {
        var ran = new ConcurrentBag<string>();
        var gate = new TaskCompletionSource();
        StartThree(
            Options(Runner("a", ran, gate.Task), maxConcurrent: 1) with { Placement = PlacementMode.Home },
            Options(Runner("b", ran)),
            Options(Runner("c", ran)));
        var home = Sys.ActorSelection("/user/peer").ResolveOne(TimeSpan.FromSeconds(5)).Result;
        var events = CreateTestProbe();
        home.Tell(new SubscribeTaskEvents(), events.Ref);

        var tasks = Tasks(30);
        home.Tell(new SubmitBatch(tasks, JobId: "home-2"));
        ExpectMsg<BatchAccepted>();

        // The home's one executor is held, so only stealing can finish its queue.
        AwaitCondition(() => ran.Count(n => n != "a") >= 29, TimeSpan.FromSeconds(20));
        gate.SetResult();
        var results = AwaitResults(events, tasks.Select(t => t.Id).ToArray());

        Assert.All(results.Values, r => Assert.Equal(TaskState.Succeeded, r.State));
        var byNode = results.Values.GroupBy(r => r.Output!.Value.GetProperty("node").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, byNode.GetValueOrDefault("a"));
        Assert.True(byNode.GetValueOrDefault("b") > 0 && byNode.GetValueOrDefault("c") > 0, "both idle members steal: " + string.Join(", ", byNode));
    }
}
