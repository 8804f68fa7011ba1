using AkkaCompute.Compute.Tasks;
using AkkaCompute.Compute.Workflows;
using static AkkaCompute.Compute.Tests.Workflows.SpecHelpers;

namespace AkkaCompute.Compute.Tests.Workflows;

public class TaskTableRerunTests
{
    private static TaskTable WithFinished(params (string Id, TaskState State)[] tasks)
    {
        var t = new TaskTable();
        t.Accept(tasks.Select(x => Fn(x.Id)).ToList());
        while (t.TakeReady() is { } s)
        {
            t.MarkRunning(s.Id, 1);
        }

        foreach (var (id, state) in tasks)
        {
            t.Complete(new TaskResult(id, state, state == TaskState.Succeeded ? J("1") : null, state == TaskState.Succeeded ? null : "bad", 1, 1));
        }

        return t;
    }

    [Fact]
    public void Plan_refuses_a_known_id_with_a_different_definition_and_names_it()
    {
        var t = WithFinished(("a", TaskState.Succeeded));
        var plan = t.Plan([Fn("new"), Fn("a", """{"other":true}""")]);
        Assert.Contains("task 'a'", plan.Error);
        Assert.Contains("different definition", plan.Error);
        Assert.Empty(plan.New);
        Assert.Equal(["a"], t.Conflicts([Fn("a", """{"other":true}"""), Fn("a"), Fn("unknown")]));
    }

    [Fact]
    public void Plan_reruns_failed_timed_out_and_cancelled_tasks_but_not_succeeded_ones()
    {
        var t = WithFinished(("ok", TaskState.Succeeded), ("failed", TaskState.Failed), ("slow", TaskState.TimedOut), ("stopped", TaskState.Cancelled));
        var plan = t.Plan([Fn("ok", priority: 3), Fn("failed"), Fn("slow", timeout: TimeSpan.FromMinutes(1)), Fn("stopped"), Fn("new")]);
        Assert.Null(plan.Error);
        Assert.Equal(["ok"], plan.AlreadyKnown);
        Assert.Equal(["failed", "slow", "stopped"], plan.Rerun.Select(s => s.Id));
        Assert.Equal(["new"], plan.New.Select(s => s.Id));
    }

    [Fact]
    public void Rerun_starts_a_fresh_run_with_the_resubmitted_spec_and_ignores_the_earlier_runs_attempts()
    {
        var t = WithFinished(("slow", TaskState.TimedOut));
        t.Rerun([Fn("slow", timeout: TimeSpan.FromMinutes(1))]);
        Assert.Equal(TaskState.Accepted, t.StateOf("slow"));
        Assert.Null(t.ResultOf("slow"));
        Assert.Equal(1, t.RunBaseOf("slow"));
        var ready = Assert.Single(TakeAll(t));
        Assert.Equal(TimeSpan.FromMinutes(1), ready.Timeout);
        Assert.False(t.MarkRunning("slow", 1)); // attempt 1 belongs to the first run
        Assert.True(t.MarkRunning("slow", 2));
        Assert.True(t.MarkRetrying("slow", 2));
        Assert.False(t.MarkRequeued("slow", 2)); // a retry due in the earlier run
        Assert.True(t.MarkRequeued("slow", 3));
        t.Complete(new TaskResult("slow", TaskState.Succeeded, J("1"), null, 3, 1));
        Assert.Equal(TaskState.Succeeded, t.StateOf("slow"));
    }

    [Fact]
    public void A_rerun_dependency_makes_rerun_and_new_dependents_wait_for_it()
    {
        var t = new TaskTable();
        t.Accept([Fn("a"), Fn("b", dependsOn: "a")]);
        TakeAll(t);
        t.Complete(new TaskResult("a", TaskState.Failed, null, "broke", 1, 1));
        Assert.Equal(TaskState.Failed, t.StateOf("b"));
        var plan = t.Plan([Fn("a"), Fn("b", dependsOn: "a"), Fn("c", """{"x":{"$ref":"a"}}""")]);
        Assert.Equal(["a", "b"], plan.Rerun.Select(s => s.Id));
        Assert.Empty(t.Rerun(plan.Rerun));
        Assert.Empty(t.Accept(plan.New));
        Assert.Equal(["a"], TakeAll(t).Select(s => s.Id));
        t.Complete(new TaskResult("a", TaskState.Succeeded, J("5"), null, 2, 1));
        Assert.Equal(["b", "c"], TakeAll(t).Select(s => s.Id).Order());
    }

    [Fact]
    public void A_rerun_task_whose_dependency_still_failed_fails_again_at_once()
    {
        var t = new TaskTable();
        t.Accept([Fn("a"), Fn("b", dependsOn: "a")]);
        TakeAll(t);
        t.Complete(new TaskResult("a", TaskState.Failed, null, "broke", 1, 1));
        var failed = t.Rerun([Fn("b", dependsOn: "a")]);
        Assert.Contains("broke", Assert.Single(failed).Error);
        Assert.Empty(TakeAll(t));
    }

    private static List<TaskSpec> TakeAll(TaskTable t)
    {
        var list = new List<TaskSpec>();
        while (t.TakeReady() is { } s)
        {
            list.Add(s);
        }

        return list;
    }
}
