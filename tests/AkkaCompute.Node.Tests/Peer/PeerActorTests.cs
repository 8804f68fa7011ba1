using System.Text.Json;
using AkkaCompute.Node.Peer;
using AkkaCompute.Node.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Compute.History;

using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Peer;

public class PeerActorTests : NodeTestKit
{
    [Fact]
    public void Workflow_runs_dependents_with_resolved_refs_and_returns_every_result()
    {
        var (peer, events) = this.StartPeer(Options(FakeRunner.Echo()));
        peer.Tell(new SubmitBatch([Fn("a", """{"v":20}"""), Fn("b", """[{"$ref":"a.v"}, 22]""")]), TestActor);
        Assert.Equal(["a", "b"], ExpectMsg<BatchAccepted>().Accepted);
        var results = AwaitResults(events, "a", "b");
        Assert.Equal(20, results["b"].Output!.Value[0].GetInt32());
        Assert.True(results["a"].Succeeded);
    }

    [Fact]
    public void Failed_dependency_fails_dependents_with_the_cause()
    {
        var runner = new FakeRunner((t, _, _) => t.Id == "a" ? Task.FromException<JsonElement>(new InvalidOperationException("source broke")) : Task.FromResult(t.Args));
        var (peer, events) = this.StartPeer(Options(runner));
        peer.Tell(new SubmitBatch([Fn("a"), Fn("b", dependsOn: "a"), Fn("c", """{"x":{"$ref":"b"}}""")]), TestActor);
        ExpectMsg<BatchAccepted>();
        var r = AwaitResults(events, "a", "b", "c");
        Assert.Equal(TaskState.Failed, r["c"].State);
        Assert.Contains("source broke", r["c"].Error);
        Assert.Equal(1, runner.Calls);
    }

    [Fact]
    public void Failed_attempts_retry_with_backoff_then_succeed()
    {
        var runner = new FakeRunner((t, attempt, _) => attempt < 3 ? Task.FromException<JsonElement>(new IOException("flaky")) : Task.FromResult(J("\"ok\"")));
        var (peer, events) = this.StartPeer(Options(runner));
        peer.Tell(new SubmitBatch([Fn("a", maxRetries: 3)]), TestActor);
        ExpectMsg<BatchAccepted>();
        events.FishForMessage<TaskEvent>(e => e.State == TaskState.Retrying && e.Attempt == 1 && e.Message!.Contains("flaky"));
        var r = AwaitResults(events, "a")["a"];
        Assert.True(r.Succeeded);
        Assert.Equal(3, r.Attempts);
    }

    [Fact]
    public void Retries_are_bounded_and_rejections_are_not_retried()
    {
        var runner = new FakeRunner((t, _, _) => t.Id == "rejected"
            ? Task.FromException<JsonElement>(new AkkaCompute.Compute.Executors.TaskRejectedException("unknown function 'nope'"))
            : Task.FromException<JsonElement>(new IOException("always")));
        var (peer, events) = this.StartPeer(Options(runner));
        peer.Tell(new SubmitBatch([Fn("always", maxRetries: 2), Fn("rejected", maxRetries: 5)]), TestActor);
        ExpectMsg<BatchAccepted>();
        var r = AwaitResults(events, "always", "rejected");
        Assert.Equal(3, r["always"].Attempts);
        Assert.Equal(1, r["rejected"].Attempts);
        Assert.Contains("unknown function", r["rejected"].Error);
    }

    [Fact]
    public void Timeout_cancels_the_attempt_and_records_TimedOut()
    {
        var runner = new FakeRunner(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return J("null");
        });
        var (peer, events) = this.StartPeer(Options(runner));
        peer.Tell(new SubmitBatch([Fn("slow", timeout: TimeSpan.FromMilliseconds(50), maxRetries: 0)]), TestActor);
        ExpectMsg<BatchAccepted>();
        var r = AwaitResults(events, "slow")["slow"];
        Assert.Equal(TaskState.TimedOut, r.State);
        Assert.Contains("timed out", r.Error);
    }

    [Fact]
    public void Cancel_running_and_queued_tasks()
    {
        var started = new TaskCompletionSource();
        var runner = new FakeRunner(async (t, _, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return J("null");
        });
        var (peer, events) = this.StartPeer(Options(runner, maxConcurrent: 1));
        peer.Tell(new SubmitBatch([Fn("running"), Fn("queued")]), TestActor);
        ExpectMsg<BatchAccepted>();
        Assert.True(started.Task.Wait(TimeSpan.FromSeconds(10)));
        peer.Tell(new CancelTask("queued"), TestActor);
        Assert.True(ExpectMsg<CancelResult>().Cancelled);
        peer.Tell(new CancelTask("running"), TestActor);
        Assert.True(ExpectMsg<CancelResult>().Cancelled);
        var r = AwaitResults(events, "running", "queued");
        Assert.All(r.Values, v => Assert.Equal(TaskState.Cancelled, v.State));
        peer.Tell(new CancelTask("queued"), TestActor);
        Assert.Contains("already cancelled", ExpectMsg<CancelResult>().Reason);
        peer.Tell(new CancelTask("nope"), TestActor);
        Assert.Contains("unknown task", ExpectMsg<CancelResult>().Reason);
        Assert.Equal(1, runner.Calls);
    }

    [Fact]
    public void Higher_priority_runs_first_when_the_pool_is_busy()
    {
        var gate = new TaskCompletionSource();
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var runner = new FakeRunner(async (t, _, _) =>
        {
            order.Enqueue(t.Id);
            if (t.Id == "blocker")
            {
                await gate.Task;
            }

            return J("null");
        });
        var (peer, events) = this.StartPeer(Options(runner, maxConcurrent: 1));
        peer.Tell(new SubmitBatch([Fn("blocker")]), TestActor);
        ExpectMsg<BatchAccepted>();
        events.FishForMessage<TaskEvent>(e => e.TaskId == "blocker" && e.State == TaskState.Running);
        peer.Tell(new SubmitBatch([Fn("low", priority: -1), Fn("mid1"), Fn("high", priority: 5), Fn("mid2")]), TestActor);
        ExpectMsg<BatchAccepted>();
        gate.SetResult();
        AwaitResults(events, "blocker", "low", "mid1", "high", "mid2");
        Assert.Equal(["blocker", "high", "mid1", "mid2", "low"], order.ToArray());
    }

    [Fact]
    public void A_batch_runs_its_highest_priority_first_even_on_an_idle_pool()
    {
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var runner = new FakeRunner((t, _, _) =>
        {
            order.Enqueue(t.Id);
            return Task.FromResult(J("null"));
        });
        var (peer, events) = this.StartPeer(Options(runner, maxConcurrent: 1));
        peer.Tell(new SubmitBatch([Fn("low", priority: -1), Fn("mid1"), Fn("high", priority: 5), Fn("mid2")]), TestActor);
        ExpectMsg<BatchAccepted>();
        AwaitResults(events, "low", "mid1", "high", "mid2");
        Assert.Equal(["high", "mid1", "mid2", "low"], order.ToArray());
    }

    [Fact]
    public void A_runner_that_throws_instead_of_returning_a_task_fails_the_attempt()
    {
        var runner = new FakeRunner((t, _, _) => t.Id == "throws" ? throw new InvalidOperationException("boom") : Task.FromResult(t.Args));
        var (peer, events) = this.StartPeer(Options(runner));
        peer.Tell(new SubmitBatch([Fn("throws", maxRetries: 1), Fn("fine", """{"ok":true}""")]), TestActor);
        ExpectMsg<BatchAccepted>();
        var r = AwaitResults(events, "throws", "fine");
        Assert.Equal(TaskState.Failed, r["throws"].State);
        Assert.Equal(2, r["throws"].Attempts);
        Assert.Contains("InvalidOperationException: boom", r["throws"].Error);
        Assert.True(r["fine"].Succeeded);
    }

    [Fact]
    public void Identical_cacheable_task_is_served_from_cache()
    {
        var runner = FakeRunner.Echo();
        var (peer, events) = this.StartPeer(Options(runner));
        peer.Tell(new SubmitBatch([Fn("first", """{"x":1}""", cache: true)]), TestActor);
        ExpectMsg<BatchAccepted>();
        AwaitResults(events, "first");
        peer.Tell(new SubmitBatch([Fn("second", """{"x":1}""", cache: true), Fn("opt-out", """{"x":1}""", cache: false)]), TestActor);
        ExpectMsg<BatchAccepted>();
        var r = AwaitResults(events, "second", "opt-out");
        Assert.True(r["second"].FromCache);
        Assert.False(r["opt-out"].FromCache);
        Assert.Equal(2, runner.Calls);
    }

    [Theory]
    [InlineData("cycle")]
    [InlineData("unknown-ref")]
    [InlineData("invalid-id")]
    [InlineData("duplicate")]
    public void Bad_batches_are_refused_whole_and_record_nothing(string kind)
    {
        var (peer, _) = this.StartPeer(Options(FakeRunner.Echo()));
        IReadOnlyList<TaskSpec> batch = kind switch
        {
            "cycle" => [Fn("ok"), Fn("a", dependsOn: "b"), Fn("b", dependsOn: "a")],
            "unknown-ref" => [Fn("ok"), Fn("a", """{"x":{"$ref":"ghost"}}""")],
            "invalid-id" => [Fn("ok"), Fn("bad id!")],
            _ => [Fn("ok"), Fn("ok")],
        };
        peer.Tell(new SubmitBatch(batch), TestActor);
        var refused = ExpectMsg<BatchRefused>();
        Assert.False(string.IsNullOrWhiteSpace(refused.Reason));
        peer.Tell(new GetNodeStatus(), TestActor);
        Assert.Equal(0, ExpectMsg<NodeStatus>().Known);
    }

    [Fact]
    public void Quota_refusal_names_the_quota_and_limit()
    {
        var options = Options(FakeRunner.Echo()) with { Quotas = new AkkaCompute.Compute.Quotas.QuotaLimits(TimeSpan.FromMinutes(1), 2, 0, 0) };
        var (peer, _) = this.StartPeer(options);
        peer.Tell(new SubmitBatch([Fn("a"), Fn("b"), Fn("c")], ClientId: "team-a"), TestActor);
        var refused = ExpectMsg<BatchRefused>();
        Assert.Contains("max-tasks-per-window", refused.Reason);
        Assert.Contains("limit 2", refused.Reason);
    }

    [Fact]
    public void Resubmission_reports_known_ids_and_does_not_rerun()
    {
        var runner = FakeRunner.Echo();
        var (peer, events) = this.StartPeer(Options(runner));
        peer.Tell(new SubmitBatch([Fn("a")]), TestActor);
        ExpectMsg<BatchAccepted>();
        AwaitResults(events, "a");
        peer.Tell(new SubmitBatch([Fn("a"), Fn("b")]), TestActor);
        var accepted = ExpectMsg<BatchAccepted>();
        Assert.Equal(["a"], accepted.AlreadyKnown);
        Assert.Equal(["b"], accepted.Accepted);
        AwaitResults(events, "b");
        Assert.Equal(2, runner.Calls);
        peer.Tell(new GetTaskResult("a"), TestActor);
        Assert.True(ExpectMsg<TaskResult>().Succeeded);
    }

    [Fact]
    public void A_new_node_on_the_same_journal_resumes_unfinished_tasks_only()
    {
        var firstRuns = new System.Collections.Concurrent.ConcurrentBag<string>();
        var first = ActorSystem.Create("first", Journal.Config);
        try
        {
            var runner = new FakeRunner(async (t, _, ct) =>
            {
                firstRuns.Add(t.Id);
                if (t.Id == "hangs")
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }

                return t.Args;
            });
            var probe = CreateTestProbe(first);
            var peer = first.ActorOf(PeerActor.Props(Options(runner)), "peer");
            peer.Tell(new SubscribeTaskEvents(), probe.Ref);
            peer.Tell(new SubmitBatch([Fn("done", """{"v":1}"""), Fn("hangs"), Fn("after", """{"x":{"$ref":"hangs"}}""")]), probe.Ref);
            probe.FishForMessage<BatchAccepted>(_ => true);
            var seen = new HashSet<string>();
            while (seen.Count < 2)
            {
                var e = probe.FishForMessage<TaskEvent>(e => (e.TaskId == "done" && e.State == TaskState.Succeeded) || (e.TaskId == "hangs" && e.State == TaskState.Running));
                seen.Add(e.TaskId);
            }

            peer.Tell(new FlushHistory(), probe.Ref);
            probe.FishForMessage<HistoryFlushed>(_ => true);
        }
        finally
        {
            first.Terminate().Wait(TimeSpan.FromSeconds(30));
        }

        var second = FakeRunner.Echo();
        var (node, events) = this.StartPeer(Options(second), "peer2");
        var r = AwaitResults(events, "hangs", "after");
        Assert.True(r["after"].Succeeded);
        node.Tell(new GetTaskResult("done"), TestActor);
        Assert.Equal(1, ExpectMsg<TaskResult>().Output!.Value.GetProperty("v").GetInt32());
        Assert.Equal(2, second.Calls);
    }

    [Fact]
    public void The_accepted_event_of_a_task_names_the_job_it_was_submitted_with()
    {
        var (peer, events) = this.StartPeer(Options(FakeRunner.Echo()));
        peer.Tell(new SubmitBatch([Fn("in-job")], JobId: "nightly-report"), TestActor);
        ExpectMsg<BatchAccepted>();
        Assert.Equal("nightly-report", events.FishForMessage<TaskEvent>(e => e.TaskId == "in-job" && e.State == TaskState.Accepted).JobId);
        Assert.Null(events.FishForMessage<TaskEvent>(e => e.TaskId == "in-job" && e.State == TaskState.Succeeded).JobId); // only Accepted carries it

        peer.Tell(new SubmitBatch([Fn("no-job")]), TestActor);
        ExpectMsg<BatchAccepted>();
        Assert.Null(events.FishForMessage<TaskEvent>(e => e.TaskId == "no-job" && e.State == TaskState.Accepted).JobId);
    }
}
