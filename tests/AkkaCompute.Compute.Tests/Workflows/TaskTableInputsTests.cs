using AkkaCompute.Compute.Tasks;
using AkkaCompute.Compute.Workflows;
using static AkkaCompute.Compute.Tests.Workflows.SpecHelpers;

namespace AkkaCompute.Compute.Tests.Workflows;

/// <summary>Issue 12, item 3: a resubmitted task that succeeded runs again when its input files changed.</summary>
public class TaskTableInputsTests
{
    /// <summary>a and b independent, c depends on a ($ref), d depends on c; all succeeded.</summary>
    private static (TaskTable Table, IReadOnlyList<TaskSpec> Job) Succeeded()
    {
        IReadOnlyList<TaskSpec> job = [Fn("a"), Fn("b"), Fn("c", """{"x":{"$ref":"a"}}"""), Fn("d", dependsOn: "c")];
        var t = new TaskTable();
        t.Accept(job);
        for (var s = t.TakeReady(); s is not null; s = t.TakeReady())
        {
            t.MarkRunning(s.Id, 1);
            t.Complete(new TaskResult(s.Id, TaskState.Succeeded, J("1"), null, 1, 1, InputFingerprint: "fp-" + s.Id));
        }

        Assert.Equal(4, t.CountIn(TaskState.Succeeded));
        return (t, job);
    }

    [Fact]
    public void Without_changed_inputs_succeeded_tasks_are_already_known()
    {
        var (t, job) = Succeeded();
        var plan = t.Plan(job, _ => false);
        Assert.Empty(plan.Rerun);
        Assert.Equal(["a", "b", "c", "d"], plan.AlreadyKnown);
    }

    [Fact]
    public void A_succeeded_task_whose_inputs_changed_runs_again_with_its_succeeded_dependents()
    {
        var (t, job) = Succeeded();
        var plan = t.Plan(job, id => id == "a");
        Assert.Null(plan.Error);
        Assert.Equal(["a", "c", "d"], plan.Rerun.Select(s => s.Id));
        Assert.Equal(["b"], plan.AlreadyKnown);

        Assert.Empty(t.Rerun(plan.Rerun));
        Assert.Equal(TaskState.Accepted, t.StateOf("a"));
        Assert.Equal(TaskState.Accepted, t.StateOf("d"));
        Assert.Null(t.ResultOf("a"));
        Assert.Equal(1, t.RunBaseOf("a"));

        Assert.Equal("a", t.TakeReady()?.Id); // c and d wait for a's new run
        Assert.Null(t.TakeReady());
        t.MarkRunning("a", 2);
        t.Complete(new TaskResult("a", TaskState.Succeeded, J("2"), null, 2, 1));
        var c = t.TakeReady();
        Assert.Equal("c", c?.Id);
        Assert.Equal(2, c!.Args.GetProperty("x").GetInt32());
    }

    [Fact]
    public void A_dependent_left_out_of_the_batch_is_not_run_again()
    {
        var (t, _) = Succeeded();
        var plan = t.Plan([Fn("a"), Fn("c", """{"x":{"$ref":"a"}}""")], id => id == "a");
        Assert.Equal(["a", "c"], plan.Rerun.Select(s => s.Id));
    }

    [Fact]
    public void The_resolved_spec_of_a_task_has_its_references_replaced_by_recorded_results()
    {
        var (t, _) = Succeeded();
        Assert.Equal(1, t.ResolvedSpecOf("c")!.Args.GetProperty("x").GetInt32());
        Assert.Same(t.SpecOf("a"), t.ResolvedSpecOf("a"));
        Assert.Null(t.ResolvedSpecOf("unknown"));
    }
}
