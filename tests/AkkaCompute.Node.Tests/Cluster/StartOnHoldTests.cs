using System.Collections.Concurrent;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Cluster;
using AkkaCompute.Node.Peer;
using AkkaCompute.Node.Tests.Peer;
using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Cluster;

/// <summary>
/// Start on hold (PeerActor.StartOnHold): in a cluster of three, an owner other than the home starts a task that is ready
/// on acceptance as soon as its replica holds it, and the home records it as placed there without sending it again; tasks
/// that wait for others, or may come from the cache, are placed after the majority as before. Every task runs once.
/// </summary>
public sealed class StartOnHoldTests : ClusterTestKit
{
    private static FakeRunner CountingRunner(string node, ConcurrentDictionary<string, int> runs) => new((task, _, _) =>
    {
        runs.AddOrUpdate(task.Id.Split('#')[^1], 1, (_, n) => n + 1);
        return Task.FromResult(J($$"""{"node":"{{node}}"}"""));
    });

    private static ComputeNodeOptions Without_stealing(ITaskRunner runner) => Options(runner, maxConcurrent: 4) with { WorkStealing = false };

    [Fact]
    public void Tasks_owned_elsewhere_start_when_their_owner_holds_them_and_run_once()
    {
        var runs = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        StartThree(Without_stealing(CountingRunner("a", runs)), Without_stealing(CountingRunner("b", runs)), Without_stealing(CountingRunner("c", runs)));
        var home = Sys.ActorSelection("/user/peer").ResolveOne(TimeSpan.FromSeconds(5)).Result;
        var events = CreateTestProbe();
        home.Tell(new SubscribeTaskEvents(), events.Ref);

        var ready = Enumerable.Range(0, 60).Select(i => Fn($"r{i:D3}")).ToList();
        home.Tell(new SubmitBatch(ready, JobId: "ready"));
        ExpectMsg<BatchAccepted>();
        var results = AwaitResults(events, ready.Select(t => t.Id).ToArray());

        Assert.All(results.Values, r => Assert.Equal(TaskState.Succeeded, r.State));
        Assert.All(ready, t => Assert.Equal(1, runs[t.Id]));
        var elsewhere = results.Values.Count(r => r.Output!.Value.GetProperty("node").GetString() != "a");
        Assert.InRange(elsewhere, 1, 59);
        var stats = home.Ask<ClusterStats>(GetClusterStats.Instance, TimeSpan.FromSeconds(5)).Result;
        Assert.Equal(elsewhere, stats.PlacedOnHold);
        Assert.Equal(0, stats.PlacedElsewhere);

        // A task that waits for another's result, and cacheable tasks, are placed after the majority: of this batch only
        // "w-first" (ready on acceptance, not cached) may be started on hold, when its owner is not the home.
        var waiting = new List<TaskSpec> { Fn("w-first"), Fn("w-second", args: """{"x":{"$ref":"w-first"}}""") };
        waiting.AddRange(Enumerable.Range(0, 20).Select(i => Fn($"cached{i:D2}", args: $$"""{"i":{{i}}}""", cache: true)));
        home.Tell(new SubmitBatch(waiting, JobId: "waiting"));
        ExpectMsg<BatchAccepted>();
        var later = AwaitResults(events, waiting.Select(t => t.Id).ToArray());

        Assert.All(later.Values, r => Assert.Equal(TaskState.Succeeded, r.State));
        Assert.All(waiting, t => Assert.Equal(1, runs[t.Id]));
        Assert.True(later.Values.Any(r => r.Output!.Value.GetProperty("node").GetString() != "a"), "some of them ran elsewhere");
        var firstElsewhere = later["w-first"].Output!.Value.GetProperty("node").GetString() != "a" ? 1 : 0;
        Assert.Equal(elsewhere + firstElsewhere, home.Ask<ClusterStats>(GetClusterStats.Instance, TimeSpan.FromSeconds(5)).Result.PlacedOnHold);
    }
}
