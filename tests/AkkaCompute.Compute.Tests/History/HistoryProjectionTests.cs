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
    public void Folds_lifecycle_into_state_attempts_and_events()
    {
        var a = Build().Get("a")!;
        Assert.Equal(TaskState.Succeeded, a.State);
        Assert.Equal(2, a.Attempts);
        Assert.Equal(5, a.Events.Count);
        Assert.IsType<TaskRetrying>(a.Events[2]);
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
