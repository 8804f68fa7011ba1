using System.Diagnostics;
using System.Text.Json;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Executors;
using AkkaCompute.Node.Peer;
using AkkaCompute.Node.Tests.Peer;

using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Executors;

/// <summary>
/// Issue 12, item 1: a timeout ends the task whatever its code does. The function "stuck" blocks its thread on a gate
/// and never looks at its token; the test releases the gate at the end (Dispose), so no thread stays blocked.
/// </summary>
public sealed class AbandonedAttemptTests : NodeTestKit
{
    private static readonly TimeSpan StuckTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(300);
    private readonly ManualResetEventSlim _gate = new(false);

    /// <summary>"stuck*" ignores its token until the gate opens, then returns "late"; anything else echoes its args.</summary>
    private FakeRunner Runner() => new((t, _, _) =>
    {
        if (t.Id.StartsWith("stuck", StringComparison.Ordinal))
        {
            _gate.Wait();
            return Task.FromResult(J("\"late\""));
        }

        return Task.FromResult(t.Args);
    });

    private ComputeNodeOptions OneExecutor(int maxAbandoned = 8) =>
        Options(Runner(), maxConcurrent: 1) with { TimeoutGrace = Grace, MaxAbandoned = maxAbandoned };

    private static TaskSpec Stuck(string id = "stuck") => Fn(id, timeout: StuckTimeout, maxRetries: 0);

    private ExecutorStats Stats(IActorRef peer)
    {
        peer.Tell(new GetExecutorStats(), TestActor);
        return ExpectMsg<ExecutorStats>();
    }

    [Fact]
    public void A_function_that_ignores_its_token_is_TimedOut_within_timeout_plus_grace_and_the_next_task_runs()
    {
        var (peer, events) = this.StartPeer(OneExecutor());
        var clock = Stopwatch.StartNew();
        Dictionary<string, TaskResult> r = null!;
        EventFilter.Warning(contains: "Task stuck attempt 1 timed out after 200 ms").ExpectOne(() =>
        {
            peer.Tell(new SubmitBatch([Stuck(), Fn("next", """{"v":1}""")]), TestActor);
            ExpectMsg<BatchAccepted>();
            r = AwaitResults(events, "stuck", "next");
        });
        var elapsed = clock.Elapsed;

        Assert.Equal(TaskState.TimedOut, r["stuck"].State);
        Assert.Contains("timed out after 200 ms", r["stuck"].Error);
        Assert.Contains("abandoned", r["stuck"].Error);
        Assert.True(r["next"].Succeeded, r["next"].Error);
        Assert.True(r["stuck"].DurationMs >= StuckTimeout.TotalMilliseconds, $"{r["stuck"].DurationMs} ms");
        // timeout + grace = 500 ms; the rest is slack for a busy 2-core box (the defect hung for ever).
        Assert.True(elapsed < StuckTimeout + Grace + Dilated(TimeSpan.FromSeconds(5)), $"took {elapsed}");
        var stats = Stats(peer);
        Assert.Equal((1, 1L, 0), (stats.AbandonedRunning, stats.AbandonedTotal, stats.Busy));

        // The abandoned code returns at last: counted down, its result ignored.
        _gate.Set();
        AwaitAssert(() => Assert.Equal(0, Stats(peer).AbandonedRunning), TimeSpan.FromSeconds(10));
        Assert.Equal(1L, Stats(peer).AbandonedTotal);
        peer.Tell(new GetTaskResult("stuck"), TestActor);
        var recorded = ExpectMsg<TaskResult>();
        Assert.Equal(TaskState.TimedOut, recorded.State);
        Assert.Null(recorded.Output);
    }

    [Fact]
    public void A_cancelled_function_that_ignores_its_token_is_Cancelled_within_the_grace()
    {
        var (peer, events) = this.StartPeer(OneExecutor() with { DefaultTimeout = TimeSpan.FromMinutes(5) });
        peer.Tell(new SubmitBatch([Fn("stuck"), Fn("next")]), TestActor);
        ExpectMsg<BatchAccepted>();
        events.FishForMessage<TaskEvent>(e => e.TaskId == "stuck" && e.State == TaskState.Running, TimeSpan.FromSeconds(10));
        peer.Tell(new CancelTask("stuck"), TestActor);
        Assert.True(ExpectMsg<CancelResult>().Cancelled);
        var r = AwaitResults(events, "stuck", "next");
        Assert.Equal(TaskState.Cancelled, r["stuck"].State);
        Assert.True(r["next"].Succeeded, r["next"].Error);
        Assert.Equal(1, Stats(peer).AbandonedRunning);
    }

    [Fact]
    public void At_max_abandoned_function_tasks_are_refused_with_the_reason_and_shell_tasks_still_run()
    {
        var (peer, events) = this.StartPeer(OneExecutor(maxAbandoned: 1));
        peer.Tell(new SubmitBatch([Stuck()]), TestActor);
        ExpectMsg<BatchAccepted>();
        Assert.Equal(TaskState.TimedOut, AwaitResults(events, "stuck")["stuck"].State);
        Assert.True(Stats(peer).RefusingFunctionTasks);

        var shell = new TaskSpec { Id = "sh", Kind = TaskKind.Shell, Command = "echo hi", Args = J("{}") };
        peer.Tell(new SubmitBatch([Fn("refused", maxRetries: 3), shell]), TestActor);
        ExpectMsg<BatchAccepted>();
        var r = AwaitResults(events, "refused", "sh");
        Assert.Equal(TaskState.Failed, r["refused"].State);
        Assert.Equal(1, r["refused"].Attempts);
        Assert.Contains("function tasks refused on this node", r["refused"].Error);
        Assert.Contains("akc.executor.max-abandoned = 1", r["refused"].Error);
        Assert.True(r["sh"].Succeeded, r["sh"].Error);
        Assert.Equal(1L, Stats(peer).RefusedFunctionTasks);

        // Once the abandoned attempt returns, function tasks run again.
        _gate.Set();
        AwaitAssert(() => Assert.False(Stats(peer).RefusingFunctionTasks), TimeSpan.FromSeconds(10));
        peer.Tell(new SubmitBatch([Fn("after")]), TestActor);
        ExpectMsg<BatchAccepted>();
        Assert.True(AwaitResults(events, "after")["after"].Succeeded);
    }

    protected override void Dispose(bool disposing)
    {
        _gate.Set();
        base.Dispose(disposing);
        if (disposing)
        {
            _gate.Dispose();
        }
    }
}
