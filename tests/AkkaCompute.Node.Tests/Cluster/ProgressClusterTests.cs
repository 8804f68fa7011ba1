using System.Text.Json;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Cluster;

/// <summary>
/// Three members in this process: the progress of tasks running on members other than their home reaches the home's
/// subscribers (<c>akc.progress.v1</c> over Akka.Remote) as TaskEvents with Progress while the tasks run.
/// </summary>
public sealed class ProgressClusterTests : ClusterTestKit
{
    [Fact]
    public void Progress_of_tasks_running_on_other_members_reaches_the_home()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        StartThree(
            Options(new HalfwayRunner("a", gate), maxConcurrent: 30),
            Options(new HalfwayRunner("b", gate), maxConcurrent: 30),
            Options(new HalfwayRunner("c", gate), maxConcurrent: 30));
        var home = Sys.ActorSelection("/user/peer").ResolveOne(TimeSpan.FromSeconds(5)).Result;
        var events = CreateTestProbe();
        home.Tell(new SubscribeTaskEvents(), events.Ref);

        var ids = Enumerable.Range(0, 30).Select(i => $"p{i:D2}").ToArray();
        home.Tell(new SubmitBatch(ids.Select(id => Fn(id)).ToList(), JobId: "progress"));
        ExpectMsg<BatchAccepted>();

        var halfway = new HashSet<string>();
        while (halfway.Count < ids.Length)
        {
            var e = events.FishForMessage<TaskEvent>(e => e.IsProgress, TimeSpan.FromSeconds(30));
            Assert.Equal((TaskState.Running, 0.5), (e.State, e.Progress!.Value));
            halfway.Add(e.TaskId);
        }

        gate.SetResult();
        var results = AwaitResults(events, ids);
        var nodes = results.Values.Select(r => r.Output!.Value.GetProperty("node").GetString()).ToHashSet();
        Assert.True(nodes.Overlaps(["b", "c"]), $"every task ran on the home ({string.Join(", ", nodes)}): nothing crossed a node");
    }

    /// <summary>Reports 0.5, then waits for the gate; answers with its node's name.</summary>
    private sealed class HalfwayRunner(string node, TaskCompletionSource gate) : ITaskRunner
    {
        public Task<JsonElement> RunAsync(TaskSpec task, int attempt, CancellationToken cancellationToken) =>
            RunAsync(task, attempt, null, cancellationToken);

        public async Task<JsonElement> RunAsync(TaskSpec task, int attempt, IProgress<double>? progress, CancellationToken cancellationToken)
        {
            progress?.Report(0.5);
            await gate.Task.WaitAsync(cancellationToken);
            return J($$"""{"node":"{{node}}"}""");
        }
    }
}
