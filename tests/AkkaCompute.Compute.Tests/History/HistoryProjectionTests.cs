using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.History;

public class HistoryProjectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TaskSpec Spec(string id) => new() { Id = id, Function = "noop" };

    private static HistoryProjection Build()
    {
        var p = new HistoryProjection();
        p.Apply(new TaskAccepted(Spec("a"), T0));
        p.Apply(new TaskAccepted(Spec("b"), T0 + TimeSpan.FromSeconds(1)));
        p.Apply(new TaskAccepted(Spec("c"), T0 + TimeSpan.FromSeconds(2)));
        p.Apply(new TaskStarted("a", 1, T0));
        p.Apply(new TaskRetrying("a", 1, "boom", 100, T0));
        p.Apply(new TaskStarted("a", 2, T0));
        p.Apply(new TaskFinished(new TaskResult("a", TaskState.Succeeded, null, null, 2, 10), T0));
        p.Apply(new TaskStarted("b", 1, T0));
        p.Apply(new TaskFinished(new TaskResult("b", TaskState.Failed, null, "bad", 1, 30), T0));
        return p;
    }

    [Fact]
    public void A_change_of_owner_is_kept_among_the_events_and_leaves_the_state_alone()
    {
        var p = new HistoryProjection();
        p.Apply(new TaskAccepted(Spec("m"), T0));
        p.Apply(new TaskStarted("m", 1, T0));
        p.Apply(new TaskOwnerChanged("m", 1, "akka.tcp://akc@h:1", "akka.tcp://akc@h:2", TaskOwnerChanged.StealReason, T0));
        var m = p.Get("m")!;
        Assert.Equal(TaskState.Running, m.State);
        Assert.Equal(TaskOwnerChanged.StealReason, Assert.IsType<TaskOwnerChanged>(m.Events[^1]).Reason);
    }

    [Fact]
    public void Folds_lifecycle_into_state_attempts_and_events()
    {
        var a = Build().Get("a")!;
        Assert.Equal(TaskState.Succeeded, a.State);
        Assert.Equal(2, a.Attempts);
        Assert.Equal(5, a.Events.Count);
        Assert.IsType<TaskRetrying>(a.Events[2]);
    }

    [Fact]
    public void Events_come_back_as_applied_in_order()
    {
        var spec = new TaskSpec { Id = "x", Function = "noop" };
        var applied = new ITaskHistoryEvent[]
        {
            new TaskAccepted(spec, T0),
            new TaskStarted("x", 1, T0.AddSeconds(1)),
            new TaskRetrying("x", 1, "boom", 5, T0.AddSeconds(2)),
            new TaskStarted("x", 2, T0.AddSeconds(3)),
            new TaskFinished(new TaskResult("x", TaskState.Succeeded, null, null, 2, 7), T0.AddSeconds(4)),
        };
        var p = new HistoryProjection();
        foreach (var e in applied)
        {
            p.Apply(e);
        }

        Assert.Equal(applied, p.Get("x")!.Events);
        var one = new HistoryProjection();
        one.Apply(applied[0]);
        one.Apply(applied[1]);
        Assert.Equal(applied[..2], one.Get("x")!.Events);
    }

    [Theory]
    [InlineData(62, 64, true)]
    [InlineData(63, 64, false)]
    [InlineData(80, 64, false)]
    public void At_most_MaxEventsPerTask_events_are_kept_the_earliest_first(int started, int kept, bool finishedKept)
    {
        var p = new HistoryProjection();
        p.Apply(new TaskAccepted(new TaskSpec { Id = "x", Function = "noop" }, T0));
        for (var i = 1; i <= started; i++)
        {
            p.Apply(new TaskStarted("x", i, T0.AddSeconds(i)));
        }

        p.Apply(new TaskFinished(new TaskResult("x", TaskState.Succeeded, null, null, started, 1), T0.AddHours(1)));
        var events = p.Get("x")!.Events;
        Assert.Equal(HistoryProjection.MaxEventsPerTask, kept);
        Assert.Equal(kept, events.Count);
        Assert.IsType<TaskAccepted>(events[0]);
        Assert.Equal(1, Assert.IsType<TaskStarted>(events[1]).Attempt);
        Assert.Equal(finishedKept, events[^1] is TaskFinished);
        Assert.Equal(TaskState.Succeeded, p.Get("x")!.State);
    }

    [Fact]
    public void Second_result_for_a_task_is_ignored()
    {
        var p = Build();
        p.Apply(new TaskFinished(new TaskResult("a", TaskState.Failed, null, "late", 3, 1), T0));
        Assert.Equal(TaskState.Succeeded, p.Get("a")!.State);
    }

    [Fact]
    public void Queries_by_id_state_and_time_range()
    {
        var p = Build();
        Assert.Single(p.Query(new HistoryQuery(TaskId: "b")));
        Assert.Equal(["b"], p.Query(new HistoryQuery(State: TaskState.Failed)).Select(t => t.Spec.Id));
        Assert.Equal(["b", "c"], p.Query(new HistoryQuery(From: T0 + TimeSpan.FromSeconds(1))).Select(t => t.Spec.Id));
        Assert.Equal(["a"], p.Query(new HistoryQuery(To: T0 + TimeSpan.FromSeconds(1))).Select(t => t.Spec.Id));
        Assert.Single(p.Query(new HistoryQuery(Limit: 1)));
    }

    [Fact]
    public void Stats_count_states_success_rate_and_percentiles()
    {
        var stats = Build().Stats();
        Assert.Equal(3, stats.Total);
        Assert.Equal(1, stats.ByState[TaskState.Succeeded]);
        Assert.Equal(1, stats.ByState[TaskState.Failed]);
        Assert.Equal(1, stats.ByState[TaskState.Accepted]);
        Assert.Equal(0.5, stats.SuccessRate);
        Assert.Equal(10, stats.DurationP50Ms);
        Assert.Equal(30, stats.DurationP99Ms);
    }

    [Fact]
    public void Incomplete_and_finished_for_resume()
    {
        var p = Build();
        Assert.Equal(["c"], p.Incomplete().Select(i => i.Spec.Id));
        Assert.Equal(["a", "b"], p.Finished().Select(f => f.Spec.Id));
    }

    [Theory]
    [InlineData(new double[] { }, 0.5, 0)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 0.5, 2)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 0.99, 4)]
    public void Nearest_rank_percentile(double[] sorted, double p, double expected) =>
        Assert.Equal(expected, HistoryProjection.Percentile(sorted, p));
}
