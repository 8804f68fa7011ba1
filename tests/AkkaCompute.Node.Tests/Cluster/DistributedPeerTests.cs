using System.Collections.Concurrent;
using System.Text.Json;
using Akka.Cluster;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Cluster;
using AkkaCompute.Node.Peer;
using AkkaCompute.Node.Tests.Peer;
using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Cluster;

/// <summary>
/// Three members in this process (three actor systems on loopback, talking over Akka.Remote, so every message between
/// them goes through the serializers): a batch submitted to one runs on all of them, and the tasks of a member that is
/// removed run elsewhere.
/// </summary>
public sealed class DistributedPeerTests : ClusterTestKit
{
    /// <summary>A runner that answers with the name of the node it ran on (or never answers, when <paramref name="stuck"/>).</summary>
    private static FakeRunner NamedRunner(string node, ConcurrentBag<string>? ran = null, bool stuck = false) => new((task, _, ct) =>
    {
        ran?.Add(task.Id);
        return stuck
            ? new TaskCompletionSource<JsonElement>().Task.WaitAsync(ct)
            : Task.FromResult(J($$"""{"node":"{{node}}"}"""));
    });

    private static IReadOnlyList<TaskSpec> Tasks(int count) => Enumerable.Range(0, count).Select(i => Fn($"t{i:D3}")).ToList();

    [Fact]
    public void A_batch_submitted_to_one_member_runs_on_every_member_and_every_result_comes_home()
    {
        var (b, c) = StartThree(Options(NamedRunner("a")), Options(NamedRunner("b")), Options(NamedRunner("c")));
        var (home, events) = (Sys.ActorSelection("/user/peer").ResolveOne(TimeSpan.FromSeconds(5)).Result, CreateTestProbe());
        home.Tell(new SubscribeTaskEvents(), events.Ref);

        var tasks = Tasks(60);
        home.Tell(new SubmitBatch(tasks, JobId: "job-1"));
        ExpectMsg<BatchAccepted>();
        var results = AwaitResults(events, tasks.Select(t => t.Id).ToArray());

        Assert.All(results.Values, r => Assert.Equal(TaskState.Succeeded, r.State));
        var byNode = results.Values.GroupBy(r => r.Output!.Value.GetProperty("node").GetString()).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(["a", "b", "c"], byNode.Keys.Order());

        // The merkle clock: the home ticked once on acceptance and once per completion, and DistributedData carried its
        // entry to the other members, so every member ends with the same entries and head.
        var homeAddress = Akka.Cluster.Cluster.Get(Sys).SelfAddress.ToString();
        var peers = new[] { Sys, b, c }.Select(s => s.ActorSelection("/user/peer")).ToArray();
        AwaitAssert(() =>
        {
            var views = peers.Select(p => p.Ask<ClockView>(GetClock.Instance, TimeSpan.FromSeconds(5)).Result).ToArray();
            Assert.Equal(61, views[0][homeAddress]);
            Assert.All(views, v => Assert.Equal(views[0].Head, v.Head));
        }, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void The_tasks_of_a_removed_member_are_handed_off_and_run_on_the_others()
    {
        var ranOnC = new ConcurrentBag<string>();
        var (b, c) = StartThree(Options(NamedRunner("a")), Options(NamedRunner("b")), Options(NamedRunner("c", ranOnC, stuck: true), maxConcurrent: 1));
        var home = Sys.ActorSelection("/user/peer").ResolveOne(TimeSpan.FromSeconds(5)).Result;
        var events = CreateTestProbe();
        home.Tell(new SubscribeTaskEvents(), events.Ref);

        var tasks = Tasks(60);
        home.Tell(new SubmitBatch(tasks, JobId: "job-2"));
        ExpectMsg<BatchAccepted>();
        AwaitCondition(() => !ranOnC.IsEmpty, TimeSpan.FromSeconds(10)); // c holds its tasks: one running (stuck), the rest queued

        var cAddress = Akka.Cluster.Cluster.Get(c).SelfAddress;
        Akka.Cluster.Cluster.Get(Sys).Down(cAddress); // as the split-brain resolver would
        var results = AwaitResults(events, tasks.Select(t => t.Id).ToArray());

        Assert.All(results.Values, r => Assert.Equal(TaskState.Succeeded, r.State));
        var nodes = results.Values.Select(r => r.Output!.Value.GetProperty("node").GetString()).ToHashSet();
        Assert.DoesNotContain("c", nodes);
        // The task c was running when it was downed ran elsewhere (c queues foreign tasks under "home-address#task-id").
        var runningOnC = ranOnC.First().Split('#')[1];
        Assert.Contains(runningOnC, results.Keys);

        // The home's history records the hand-off among the task's events (journaled in the background: awaited, since the
        // results can be published before the hand-off's row is written).
        AwaitAssert(() =>
        {
            var history = home.Ask<Compute.History.HistoryQueryResult>(new Compute.History.QueryHistory(new Compute.History.HistoryQuery(runningOnC)), TimeSpan.FromSeconds(10)).Result;
            var moved = Assert.IsType<Compute.History.TaskOwnerChanged>(Assert.Single(history.Tasks).Events.Single(e => e is Compute.History.TaskOwnerChanged));
            Assert.Equal((cAddress.ToString(), Compute.History.TaskOwnerChanged.HandOffReason), (moved.From, moved.Reason));
        }, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void A_cancel_at_the_home_reaches_the_member_running_the_task()
    {
        var started = new ConcurrentBag<string>();
        var cancelled = new ConcurrentBag<string>();
        FakeRunner Stuck() => new((task, _, ct) =>
        {
            started.Add(task.Id);
            ct.Register(() => cancelled.Add(task.Id));
            return new TaskCompletionSource<JsonElement>().Task.WaitAsync(ct);
        });
        var (b, c) = StartThree(Options(Stuck(), maxConcurrent: 12), Options(Stuck(), maxConcurrent: 12), Options(Stuck(), maxConcurrent: 12));
        var home = Sys.ActorSelection("/user/peer").ResolveOne(TimeSpan.FromSeconds(5)).Result;
        var events = CreateTestProbe();
        home.Tell(new SubscribeTaskEvents(), events.Ref);

        var tasks = Tasks(12); // spread over three members: some run on b or c (all on the home: odds 1 in 531,441)
        home.Tell(new SubmitBatch(tasks, JobId: "job-3"));
        ExpectMsg<BatchAccepted>();
        AwaitCondition(() => started.Count == tasks.Count, TimeSpan.FromSeconds(10));
        foreach (var t in tasks)
        {
            home.Tell(new CancelTask(t.Id));
            Assert.True(ExpectMsg<CancelResult>().Cancelled);
        }

        Assert.All(AwaitResults(events, tasks.Select(t => t.Id).ToArray()).Values, r => Assert.Equal(TaskState.Cancelled, r.State));
        // Remote attempts run under "home-address#task-id": their tokens were cancelled by StopRemoteTask.
        AwaitCondition(() => cancelled.Count(id => id.Contains('#')) == started.Count(id => id.Contains('#')) && started.Any(id => id.Contains('#')), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_task_that_requires_a_role_runs_on_a_member_with_it_and_fails_clearly_when_none_has_it()
    {
        var slowGpu = new FakeRunner(async (_, _, ct) =>
        {
            await Task.Delay(50, ct);
            return J("""{"node":"b"}""");
        });
        var (b, c) = StartThree(Options(NamedRunner("a")), Options(slowGpu, maxConcurrent: 1), Options(NamedRunner("c")), bRoles: "gpu"); // a backlog the idle members may not steal: they lack the role
        var home = Sys.ActorSelection("/user/peer").ResolveOne(TimeSpan.FromSeconds(5)).Result;
        var events = CreateTestProbe();
        home.Tell(new SubscribeTaskEvents(), events.Ref);

        var tasks = Tasks(10).Select(t => t with { Requires = ["gpu"] }).Append(Fn("tpu") with { Requires = ["tpu"] }).ToList();
        home.Tell(new SubmitBatch(tasks, JobId: "job-4"));
        ExpectMsg<BatchAccepted>();
        var results = AwaitResults(events, tasks.Select(t => t.Id).ToArray());

        Assert.All(results.Values.Where(r => r.TaskId != "tpu"), r => Assert.Equal("b", r.Output!.Value.GetProperty("node").GetString()));
        Assert.Equal(TaskState.Failed, results["tpu"].State);
        Assert.Contains("no member of the cluster has the roles the task requires (tpu)", results["tpu"].Error);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Idle_members_steal_queued_tasks_from_a_slow_one(bool stealing)
    {
        var slow = new FakeRunner(async (_, _, ct) =>
        {
            await Task.Delay(100, ct);
            return J("""{"node":"b"}""");
        });
        var (b, c) = StartThree(Options(NamedRunner("a"), maxConcurrent: 4) with { WorkStealing = stealing }, Options(slow, maxConcurrent: 1) with { WorkStealing = stealing }, Options(NamedRunner("c"), maxConcurrent: 4) with { WorkStealing = stealing });
        var home = Sys.ActorSelection("/user/peer").ResolveOne(TimeSpan.FromSeconds(5)).Result;
        var events = CreateTestProbe();
        home.Tell(new SubscribeTaskEvents(), events.Ref);

        var tasks = Tasks(90); // about 30 owned by each member
        home.Tell(new SubmitBatch(tasks, JobId: stealing ? "steal" : "no-steal"));
        ExpectMsg<BatchAccepted>();
        var results = AwaitResults(events, tasks.Select(t => t.Id).ToArray());

        Assert.All(results.Values, r => Assert.Equal(TaskState.Succeeded, r.State));
        var onB = results.Values.Count(r => r.Output!.Value.GetProperty("node").GetString() == "b");
        var stolenFromB = b.ActorSelection("/user/peer").Ask<ClusterStats>(GetClusterStats.Instance, TimeSpan.FromSeconds(5)).Result.Stolen;
        Assert.Equal(stealing, stolenFromB > 0);
        if (stealing)
        {
            Assert.True(onB < 15, $"b, slow and one executor, ran {onB} of its ~30 tasks: the idle members did not steal");
        }
        else
        {
            Assert.True(onB >= 15, $"without stealing b ran only {onB}: the placement gives it about 30 (binomial, 90 tasks, p = 1/3)");
        }
    }

    [Fact]
    public void A_workflow_spans_the_members_results_travel_to_dependents_and_a_failure_fails_its_dependents()
    {

        // Every member echoes a task's (resolved) arguments, and fails a task whose function is "broken".
        FakeRunner Runner() => new((t, _, _) => t.Function == "broken" ? throw new InvalidOperationException("broken on purpose") : Task.FromResult(t.Args));
        var (b, c) = StartThree(Options(Runner()), Options(Runner()), Options(Runner()));
        var home = Sys.ActorSelection("/user/peer").ResolveOne(TimeSpan.FromSeconds(5)).Result;
        var events = CreateTestProbe();
        home.Tell(new SubscribeTaskEvents(), events.Ref);

        // Ten chains root -> mid -> leaf, placed each on its own owner: a leaf's output shows the value that travelled to
        // it from wherever its dependencies ran. Chain 0's root fails.
        var tasks = new List<TaskSpec>();
        for (var i = 0; i < 10; i++)
        {
            tasks.Add(i == 0 ? Fn("root0") with { Function = "broken" } : Fn($"root{i}", "{\"n\":" + i + "}"));
            tasks.Add(Fn($"mid{i}", "{\"up\":{\"$ref\":\"root" + i + ".n\"}}"));
            tasks.Add(Fn($"leaf{i}", "{\"up\":{\"$ref\":\"mid" + i + ".up\"}}"));
        }

        home.Tell(new SubmitBatch(tasks, JobId: "chains"));
        ExpectMsg<BatchAccepted>();
        var results = AwaitResults(events, tasks.Select(t => t.Id).ToArray());

        for (var i = 1; i < 10; i++)
        {
            Assert.Equal("{\"up\":" + i + "}", results[$"leaf{i}"].Output!.Value.GetRawText());
        }

        Assert.Equal(TaskState.Failed, results["root0"].State);
        Assert.Equal(TaskState.Failed, results["mid0"].State);
        Assert.Equal(TaskState.Failed, results["leaf0"].State);
        Assert.Contains("root0", results["mid0"].Error);
    }

    [Fact]
    public void A_failed_attempt_retries_on_another_member()
    {
        var broken = new FakeRunner((_, _, _) => throw new InvalidOperationException("this member's disk is full"));
        var (b, c) = StartThree(Options(NamedRunner("a")), Options(NamedRunner("b")), Options(broken) with { WorkStealing = false });
        var home = Sys.ActorSelection("/user/peer").ResolveOne(TimeSpan.FromSeconds(5)).Result;
        var events = CreateTestProbe();
        home.Tell(new SubscribeTaskEvents(), events.Ref);

        var tasks = Tasks(30).Select(t => t with { MaxRetries = 1 }).ToList(); // about 10 placed on c first
        home.Tell(new SubmitBatch(tasks, JobId: "failover"));
        ExpectMsg<BatchAccepted>();
        var results = AwaitResults(events, tasks.Select(t => t.Id).ToArray());

        Assert.All(results.Values, r => Assert.Equal(TaskState.Succeeded, r.State));
        Assert.True(results.Values.Count(r => r.Attempts == 2) > 0, "no task was placed on the broken member first: the test proves nothing");
    }

    [Fact]
    public void A_member_asked_about_a_task_it_is_not_home_to_asks_the_others()
    {
        var (b, c) = StartThree(Options(NamedRunner("a")), Options(NamedRunner("b")), Options(NamedRunner("c")));
        var home = Sys.ActorSelection("/user/peer").ResolveOne(TimeSpan.FromSeconds(5)).Result;
        var events = CreateTestProbe();
        home.Tell(new SubscribeTaskEvents(), events.Ref);
        var tasks = Tasks(3);
        home.Tell(new SubmitBatch(tasks, JobId: "elsewhere"));
        ExpectMsg<BatchAccepted>();
        AwaitResults(events, tasks.Select(t => t.Id).ToArray());

        // c is not the home of these tasks (a client may reach any member through ClusterClient): it finds them at a.
        var atC = c.ActorSelection("/user/peer");
        Assert.Equal(TaskState.Succeeded, Assert.IsType<TaskResult>(atC.Ask<object>(new GetTaskResult("t000"), TimeSpan.FromSeconds(10)).Result).State);
        Assert.Equal(3, atC.Ask<TaskResults>(new GetTaskResults(["t000", "t001", "t002", "nope"]), TimeSpan.FromSeconds(10)).Result.Finished.Count);
        Assert.Contains("already succeeded", atC.Ask<CancelResult>(new CancelTask("t001"), TimeSpan.FromSeconds(10)).Result.Reason);
        Assert.Contains("no member is its home", atC.Ask<CancelResult>(new CancelTask("nope"), TimeSpan.FromSeconds(10)).Result.Reason);
        Assert.Null(Assert.IsType<TaskNotFinished>(atC.Ask<object>(new GetTaskResult("nope"), TimeSpan.FromSeconds(10)).Result).State);
    }
}
