using System.Collections.Concurrent;
using Akka.Actor;
using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Cluster;
using AkkaCompute.Node.Peer;
using AkkaCompute.Node.Tests.Peer;
using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Cluster;

/// <summary>
/// Acceptance survives the loss of any one member: a home has a batch held by a majority of the members (the other
/// members' replicas) before it acknowledges it, and when the home is removed its successor takes over its tasks: finished ones keep their
/// results, unfinished ones run on the survivors, and every result is found from any member.
/// </summary>
public sealed class DurableAcceptanceTests : ClusterTestKit
{
    /// <summary>
    /// A runner that answers with the node's name, counting runs per task id; tasks whose id starts with "s" wait until
    /// <paramref name="gate"/> opens.
    /// </summary>
    private static FakeRunner GatedRunner(string node, ConcurrentDictionary<string, int> runs, Task gate) => new(async (task, _, ct) =>
    {
        var id = task.Id.Split('#')[^1];
        runs.AddOrUpdate(id, 1, (_, n) => n + 1);
        if (id.StartsWith('s'))
        {
            await gate.WaitAsync(ct);
        }

        return J($$"""{"node":"{{node}}"}""");
    });

    private static ComputeNodeOptions Durable(ITaskRunner runner) =>
        Options(runner, maxConcurrent: 4) with { AcceptanceTimeout = TimeSpan.FromSeconds(3), WorkStealing = false };

    [Fact]
    public void When_the_home_dies_its_successor_keeps_the_finished_results_and_runs_the_rest()
    {
        var runs = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var open = new TaskCompletionSource();
        var never = new TaskCompletionSource();
        var (b, c) = StartThree(Durable(GatedRunner("a", runs, open.Task)), Durable(GatedRunner("b", runs, never.Task)), Durable(GatedRunner("c", runs, open.Task)));
        var home = b.ActorSelection("/user/peer");
        var homeAddress = Akka.Cluster.Cluster.Get(b).SelfAddress.ToString();

        // Twenty tasks finish at their home b, and their results reach the replicated set on a.
        var finished = Enumerable.Range(0, 20).Select(i => Fn($"f{i:D3}")).ToList();
        Assert.IsType<BatchAccepted>(home.Ask<object>(new SubmitBatch(finished, JobId: "first"), TimeSpan.FromSeconds(10)).Result);
        AwaitCondition(() => AcceptedOn(Sys, homeAddress).Count(e => e.Result is not null) == 20, TimeSpan.FromSeconds(20));

        // Twenty more are acknowledged but cannot finish before b dies.
        var stuck = Enumerable.Range(0, 20).Select(i => Fn($"s{i:D3}")).ToList();
        Assert.IsType<BatchAccepted>(home.Ask<object>(new SubmitBatch(stuck, JobId: "second"), TimeSpan.FromSeconds(10)).Result);
        // Acknowledged only once a majority held them: b and at least one of a and c, for every task.
        var held = AcceptedOn(Sys, homeAddress).Concat(AcceptedOn(c, homeAddress)).Select(e => e.Spec.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(stuck, t => Assert.Contains(t.Id, held));
        b.Terminate().Wait(TimeSpan.FromSeconds(20));
        Akka.Cluster.Cluster.Get(Sys).Down(Address.Parse(homeAddress)); // as the split-brain resolver would
        open.SetResult();

        // Every acknowledged task has a result, asked from a member that was never its home.
        var ids = finished.Concat(stuck).Select(t => t.Id).ToList();
        AwaitAssert(() =>
        {
            var results = Sys.ActorSelection("/user/peer").Ask<TaskResults>(new GetTaskResults(ids), TimeSpan.FromSeconds(10)).Result.Finished;
            Assert.Equal(40, results.Count);
            Assert.All(results, r => Assert.Equal(TaskState.Succeeded, r.State));
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));

        // The successor's history records the takeover among the task's events (akc history shows it).
        var history = Sys.ActorSelection("/user/peer").Ask<HistoryQueryResult>(new GetClusterHistory(new HistoryQuery("s000", Limit: 1)), TimeSpan.FromSeconds(10)).Result;
        var moved = Assert.IsType<TaskOwnerChanged>(Assert.Single(history.Tasks).Events.Single(e => e is TaskOwnerChanged));
        Assert.Equal((homeAddress, TaskOwnerChanged.TakeOverReason), (moved.From, moved.Reason));

        // The finished ones were not run again; the successor (a or c) counted 40 tasks taken over.
        Assert.All(finished, t => Assert.Equal(1, runs[t.Id]));
        var tookOver = new[] { Sys, c }.Sum(s => s.ActorSelection("/user/peer").Ask<ClusterStats>(GetClusterStats.Instance, TimeSpan.FromSeconds(5)).Result.TookOver);
        Assert.Equal(40, tookOver);
    }

    [Fact]
    public void A_batch_that_no_majority_holds_is_refused_and_nothing_is_accepted()
    {
        var runs = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var (b, c) = StartThree(Durable(GatedRunner("a", runs, Task.CompletedTask)), Durable(GatedRunner("b", runs, Task.CompletedTask)), Durable(GatedRunner("c", runs, Task.CompletedTask)));

        // b and c stop without leaving: a still counts them as members (unreachable, not downed), so no majority answers.
        b.Terminate().Wait(TimeSpan.FromSeconds(20));
        c.Terminate().Wait(TimeSpan.FromSeconds(20));
        var peer = Sys.ActorSelection("/user/peer");
        var answer = peer.Ask<object>(new SubmitBatch([Fn("lonely")], JobId: "minority"), TimeSpan.FromSeconds(20)).Result;

        Assert.Contains("majority", Assert.IsType<BatchRefused>(answer).Reason);
        Assert.Null(Assert.IsType<TaskNotFinished>(peer.Ask<object>(new GetTaskResult("lonely", HomeOnly: true), TimeSpan.FromSeconds(5)).Result).State);
        Assert.False(runs.ContainsKey("lonely"));
    }

    /// <summary>The entries of <paramref name="home"/> that <paramref name="system"/>'s replica holds now.</summary>
    private static IReadOnlyList<AcceptedTask> AcceptedOn(ActorSystem system, string home) =>
        system.ActorSelection("/user/peer/" + AcceptedReplicaActor.Name)
            .Ask<AcceptedOf>(new GetAcceptedOf([home], Round: 0), TimeSpan.FromSeconds(5)).Result.Entries;
}
