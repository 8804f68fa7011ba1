using System.Text.Json;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Compute.Workflows;

namespace AkkaCompute.Compute.Tests.Workflows;

public class TaskTableTests
{
    private static TaskSpec Fn(string id, string args = "{}", params string[] dependsOn) =>
        new() { Id = id, Function = "echo", Args = JsonDocument.Parse(args).RootElement.Clone(), DependsOn = dependsOn };

    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static List<TaskSpec> TakeAll(TaskTable t)
    {
        var list = new List<TaskSpec>();
        while (t.TakeReady() is { } s)
        {
            list.Add(s);
        }

        return list;
    }

    [Fact]
    public void Plan_refuses_duplicates_unknown_refs_and_cycles()
    {
        var t = new TaskTable();
        Assert.Contains("more than once", t.Plan([Fn("a"), Fn("a")]).Error);
        Assert.Contains("unknown task 'zz'", t.Plan([Fn("a", """{"x":{"$ref":"zz"}}""")]).Error);
        Assert.Contains("cycle", t.Plan([Fn("a", "{}", "b"), Fn("b", "{}", "a")]).Error);
        Assert.Null(t.Plan([Fn("a"), Fn("b", """{"x":{"$ref":"a"}}""")]).Error);
    }

    [Fact]
    public void Resubmitted_ids_are_already_known()
    {
        var t = new TaskTable();
        t.Accept([Fn("a")]);
        var plan = t.Plan([Fn("a"), Fn("b")]);
        Assert.Equal(["a"], plan.AlreadyKnown);
        Assert.Equal(["b"], plan.New.Select(s => s.Id));
    }

    [Fact]
    public void Dependent_becomes_ready_after_success_with_refs_resolved()
    {
        var t = new TaskTable();
        t.Accept([Fn("a"), Fn("b", """[{"$ref":"a.value"}, 2]""")]);
        Assert.Equal(["a"], TakeAll(t).Select(s => s.Id));
        t.Complete(new TaskResult("a", TaskState.Succeeded, J("""{"value":41}"""), null, 1, 1));
        var b = Assert.Single(TakeAll(t));
        Assert.Equal("[41,2]", b.Args.GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Failure_fails_dependents_transitively_with_the_cause()
    {
        var t = new TaskTable();
        t.Accept([Fn("a"), Fn("b", "{}", "a"), Fn("c", "{}", "b"), Fn("d")]);
        TakeAll(t);
        var failed = t.Complete(new TaskResult("a", TaskState.Failed, null, "disk on fire", 1, 1));
        Assert.Equal(["b", "c"], failed.Select(f => f.TaskId).Order());
        Assert.Contains("disk on fire", failed.Single(f => f.TaskId == "c").Error);
        Assert.Equal(TaskState.Failed, t.StateOf("c"));
        Assert.Equal(1, t.CountIn(TaskState.Queued));
    }

    [Fact]
    public void Result_is_recorded_once()
    {
        var t = new TaskTable();
        t.Accept([Fn("a")]);
        TakeAll(t);
        t.Complete(new TaskResult("a", TaskState.Cancelled, null, "stop", 0, 0));
        Assert.Empty(t.Complete(new TaskResult("a", TaskState.Succeeded, J("1"), null, 1, 1)));
        Assert.Equal(TaskState.Cancelled, t.StateOf("a"));
    }

    [Fact]
    public void Restore_skips_finished_and_requeues_incomplete()
    {
        var t = new TaskTable();
        t.Restore(
            [(Fn("a"), new TaskResult("a", TaskState.Succeeded, J("{\"v\":1}"), null, 1, 1))],
            [(Fn("b", """{"x":{"$ref":"a.v"}}"""), 2)]);
        var b = Assert.Single(TakeAll(t));
        Assert.Equal("b", b.Id);
        Assert.Equal(2, t.AttemptOf("b"));
        Assert.Equal(1, t.CountIn(TaskState.Succeeded));
    }

    [Fact]
    public void Retry_cycle_and_untake()
    {
        var t = new TaskTable();
        t.Accept([Fn("a")]);
        TakeAll(t);
        Assert.True(t.MarkRunning("a", 1));
        Assert.True(t.MarkRetrying("a", 1));
        Assert.True(t.MarkRequeued("a", 2));
        t.Untake("a");
        Assert.Single(TakeAll(t));
    }
}
