using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Peer;
using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Peer;

/// <summary>A home pushes watched results (WatchResults): finished ones at once, the others the moment they finish, once.</summary>
public class ResultWatchTests : NodeTestKit
{
    [Fact]
    public void Finished_results_come_at_once_the_others_when_they_finish_and_unknown_ids_are_ignored()
    {
        var gate = new TaskCompletionSource();
        var runner = new FakeRunner(async (task, _, ct) =>
        {
            if (task.Id == "gated")
            {
                await gate.Task.WaitAsync(ct);
            }

            return task.Args;
        });
        var (peer, events) = this.StartPeer(Options(runner));
        peer.Tell(new SubmitBatch([Fn("done", """{"v":1}"""), Fn("gated", """{"v":2}""")]), TestActor);
        ExpectMsg<BatchAccepted>();
        AwaitResults(events, "done");

        peer.Tell(new WatchResults(["gated", "unknown", "done", "gated"]), TestActor);
        Assert.Equal(["done"], ExpectMsg<ResultsPushed>().Results.Select(r => r.TaskId));

        gate.SetResult();
        var pushed = Assert.Single(ExpectMsg<ResultsPushed>(TimeSpan.FromSeconds(10)).Results); // watched twice, pushed once
        Assert.Equal(("gated", TaskState.Succeeded, """{"v":2}"""), (pushed.TaskId, pushed.State, pushed.Output!.Value.GetRawText()));

        // Watched again once finished: answered at once, and nothing else was pushed before that answer.
        peer.Tell(new WatchResults(["gated"]), TestActor);
        Assert.Equal(["gated"], ExpectMsg<ResultsPushed>().Results.Select(r => r.TaskId));
    }

    [Fact]
    public void A_watcher_that_stops_is_forgotten_and_the_others_still_get_their_push()
    {
        var gate = new TaskCompletionSource();
        var runner = new FakeRunner(async (task, _, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return task.Args;
        });
        var (peer, _) = this.StartPeer(Options(runner));
        peer.Tell(new SubmitBatch([Fn("slow")]), TestActor);
        ExpectMsg<BatchAccepted>();

        var gone = CreateTestProbe();
        peer.Tell(new WatchResults(["slow"]), gone);
        gone.ExpectMsg<ResultsPushed>();
        Watch(gone.Ref);
        Sys.Stop(gone.Ref);
        ExpectTerminated(gone.Ref);
        peer.Tell(new WatchResults(["slow"]), TestActor);
        Assert.Empty(ExpectMsg<ResultsPushed>().Results);

        gate.SetResult();
        Assert.Equal("slow", Assert.Single(ExpectMsg<ResultsPushed>(TimeSpan.FromSeconds(10)).Results).TaskId);
    }
}
