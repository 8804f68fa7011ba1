using System.Text.Json;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Peer;

/// <summary>A running function's progress reaches the node's subscribers as TaskEvents with Progress, throttled.</summary>
public class ProgressEventTests : NodeTestKit
{
    private static readonly Dictionary<string, TaskCompletionSource> Gates = [];

    /// <summary>Reports 0.1 .. 0.5 in 50,000 steps, then waits for its test to open its gate.</summary>
    public static async Task<string> Halfway(string gate, IProgress<double> progress, CancellationToken cancellationToken)
    {
        for (var i = 1; i <= 50_000; i++)
        {
            progress.Report(0.1 + 0.4 * i / 50_000);
        }

        TaskCompletionSource open;
        lock (Gates)
        {
            open = Gates[gate];
        }

        await open.Task.WaitAsync(cancellationToken);
        return "done";
    }

    [Fact]
    public void A_function_reporting_progress_is_seen_as_progress_events_while_it_runs_and_a_flood_is_throttled()
    {
        var gate = Guid.NewGuid().ToString("N");
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (Gates)
        {
            Gates[gate] = open;
        }

        var registry = new FunctionRegistry();
        registry.Register(typeof(ProgressEventTests).GetMethod(nameof(Halfway))!, "test.halfway");
        var runner = new DefaultTaskRunner(registry, new ShellOptions(new CommandPolicy()), TimeProvider.System);
        var (peer, events) = this.StartPeer(Options(runner));
        peer.Tell(new SubmitBatch([new TaskSpec { Id = "p", Function = "test.halfway", Args = J($$"""{"gate":"{{gate}}"}""") }]), TestActor);
        ExpectMsg<BatchAccepted>();

        var seen = new List<TaskEvent>();
        events.FishForMessage<TaskEvent>(e =>
        {
            if (e.IsProgress)
            {
                seen.Add(e);
            }

            return e.Progress is 0.5;
        }, TimeSpan.FromSeconds(15));

        Assert.All(seen, e => Assert.Equal((TaskState.Running, 1, "p"), (e.State, e.Attempt, e.TaskId)));
        Assert.True(seen.Count < 1000, $"{seen.Count} progress events for 50,000 reports");
        Assert.Equal(seen.Select(e => e.Progress!.Value).Order(), seen.Select(e => e.Progress!.Value));

        open.SetResult();
        var result = AwaitResults(events, "p")["p"];
        Assert.True(result.Succeeded);
    }
}
