using System.Text.Json;
using AkkaCompute.Compute.History;
using AkkaCompute.Node.Peer;
using AkkaCompute.Node.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Peer;

/// <summary>Task ids submitted again: same definition (reuse or re-run) or a different one (refused).</summary>
public class ResubmissionTests : NodeTestKit
{
    [Fact]
    public void A_known_id_with_a_different_definition_is_refused_and_keeps_its_result()
    {
        var runner = FakeRunner.Echo();
        var (peer, events) = this.StartPeer(Options(runner));
        peer.Tell(new SubmitBatch([Fn("urgent", """{"v":"old"}""")]), TestActor);
        ExpectMsg<BatchAccepted>();
        AwaitResults(events, "urgent");

        peer.Tell(new CheckTasks([Fn("fresh"), Fn("urgent", """{"v":"new"}"""), Fn("urgent", """{ "v" : "old" }""", priority: 4)]), TestActor);
        var conflict = Assert.Single(ExpectMsg<TasksChecked>().Conflicts);
        Assert.Equal("urgent", conflict.TaskId);
        Assert.Contains("different definition", conflict.Reason);

        peer.Tell(new SubmitBatch([Fn("fresh"), Fn("urgent", """{"v":"new"}""")]), TestActor);
        var refused = ExpectMsg<BatchRefused>();
        Assert.Contains("task 'urgent'", refused.Reason);
        Assert.Contains("different definition", refused.Reason);
        peer.Tell(new GetNodeStatus(), TestActor);
        Assert.Equal(1, ExpectMsg<NodeStatus>().Known);
        peer.Tell(new GetTaskResult("urgent"), TestActor);
        Assert.Equal("old", ExpectMsg<TaskResult>().Output!.Value.GetProperty("v").GetString());
        Assert.Equal(1, runner.Calls);
    }

    [Fact]
    public void Failed_timed_out_and_cancelled_tasks_run_again_with_a_fresh_retry_budget_and_succeeded_ones_do_not()
    {
        var secondRun = new TaskCompletionSource();
        var runner = new FakeRunner(async (t, attempt, ct) =>
        {
            if (!secondRun.Task.IsCompleted)
            {
                switch (t.Id)
                {
                    case "flaky": throw new IOException("down");
                    case "slow" or "stopped": await Task.Delay(Timeout.Infinite, ct); break;
                }
            }

            return JsonSerializer.SerializeToElement(attempt);
        });
        // "slow" keeps its 50 ms timeout in the re-run (a changed definition is refused), where it returns at once; but on a loaded
        // machine its attempt can start on the thread pool later than the timeout plus the default 1 s grace, and would be
        // abandoned as timed out. A long grace lets it count once it returns (the first run's attempts honour their token).
        var (peer, events) = this.StartPeer(Options(runner, maxConcurrent: 4) with { TimeoutGrace = TimeSpan.FromMinutes(1) });
        IReadOnlyList<TaskSpec> job =
        [
            Fn("ok"), Fn("flaky", maxRetries: 1), Fn("slow", timeout: TimeSpan.FromMilliseconds(50), maxRetries: 0), Fn("stopped"),
            Fn("after", """{"x":{"$ref":"flaky"}}"""),
        ];
        peer.Tell(new SubmitBatch(job), TestActor);
        ExpectMsg<BatchAccepted>();
        events.FishForMessage<TaskEvent>(e => e.TaskId == "stopped" && e.State == TaskState.Running);
        peer.Tell(new CancelTask("stopped"), TestActor);
        ExpectMsg<CancelResult>();
        var first = AwaitResults(events, "ok", "flaky", "slow", "stopped", "after");
        Assert.Equal(TaskState.Failed, first["flaky"].State);
        Assert.Equal(2, first["flaky"].Attempts);
        Assert.Equal(TaskState.TimedOut, first["slow"].State);
        Assert.Equal(TaskState.Failed, first["after"].State);
        var callsBefore = runner.Calls;

        secondRun.SetResult();
        peer.Tell(new SubmitBatch(job), TestActor);
        var accepted = ExpectMsg<BatchAccepted>();
        Assert.Equal(["ok"], accepted.AlreadyKnown);
        Assert.Equal(["after", "flaky", "slow", "stopped"], accepted.Accepted.Order());
        var second = AwaitResults(events, "flaky", "slow", "stopped", "after");
        Assert.All(second.Values, r => Assert.True(r.Succeeded, r.TaskId + ": " + r.Error));
        Assert.Equal(3, second["flaky"].Attempts); // attempt numbers go on: 1 and 2 were the first run
        Assert.Equal(callsBefore + 4, runner.Calls);

        peer.Tell(new QueryHistory(new HistoryQuery(TaskId: "flaky")), TestActor);
        var history = Assert.Single(ExpectMsg<HistoryQueryResult>().Tasks);
        Assert.Equal(TaskState.Succeeded, history.State);
        Assert.Equal(2, history.Events.OfType<TaskAccepted>().Count());
        Assert.Equal([TaskState.Failed, TaskState.Succeeded], history.Events.OfType<TaskFinished>().Select(f => f.Result.State));
    }

    [Fact]
    public void A_rerun_interrupted_by_a_restart_resumes_with_its_fresh_retry_budget()
    {
        var first = ActorSystem.Create("first", Journal.Config);
        try
        {
            var failing = new FakeRunner(async (t, attempt, ct) =>
            {
                if (attempt == 2)
                {
                    await Task.Delay(Timeout.Infinite, ct); // the re-run's first attempt hangs until the node goes away
                }

                throw new IOException("down");
            });
            var probe = CreateTestProbe(first);
            var peer = first.ActorOf(PeerActor.Props(Options(failing)), "peer");
            peer.Tell(new SubscribeTaskEvents(), probe.Ref);
            peer.Tell(new SubmitBatch([Fn("flaky", maxRetries: 0)]), probe.Ref);
            probe.FishForMessage<TaskEvent>(e => e.TaskId == "flaky" && e.State == TaskState.Failed);
            peer.Tell(new SubmitBatch([Fn("flaky", maxRetries: 2)]), probe.Ref);
            probe.FishForMessage<TaskEvent>(e => e.TaskId == "flaky" && e.State == TaskState.Running && e.Attempt == 2);
            peer.Tell(new FlushHistory(), probe.Ref);
            probe.FishForMessage<HistoryFlushed>(_ => true);
        }
        finally
        {
            first.Terminate().Wait(TimeSpan.FromSeconds(30));
        }

        var recovering = new FakeRunner((_, attempt, _) => attempt < 4 ? Task.FromException<JsonElement>(new IOException("still down")) : Task.FromResult(J("\"up\"")));
        var (_, events) = this.StartPeer(Options(recovering), "peer2");
        var r = AwaitResults(events, "flaky")["flaky"];
        Assert.True(r.Succeeded, r.Error); // attempts 3 and 4 are the re-run's two retries (attempt 1 was the first run's)
        Assert.Equal(4, r.Attempts);
        Assert.Equal(2, recovering.Calls);
    }
}
