using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.History;

public class HistoryRerunTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TaskSpec Spec(string id, int priority = 0) => new() { Id = id, Function = "noop", Priority = priority };

    private static HistoryProjection TimedOutOnce()
    {
        var p = new HistoryProjection();
        p.Apply(new TaskAccepted(Spec("slow"), T0));
        p.Apply(new TaskStarted("slow", 1, T0));
        p.Apply(new TaskFinished(new TaskResult("slow", TaskState.TimedOut, null, "timed out", 1, 50), T0.AddSeconds(1)));
        return p;
    }

    [Fact]
    public void A_second_acceptance_after_a_failure_starts_a_new_run_and_keeps_the_first_runs_events()
    {
        var p = TimedOutOnce();
        p.Apply(new TaskAccepted(Spec("slow", priority: 7), T0.AddSeconds(10)));
        var rerun = p.Get("slow")!;
        Assert.Equal(TaskState.Accepted, rerun.State);
        Assert.Null(rerun.Result);
        Assert.Equal(7, rerun.Spec.Priority);
        Assert.Equal(T0.AddSeconds(10), rerun.AcceptedAt);
        Assert.Equal(["slow"], p.Incomplete().Select(i => i.Spec.Id));
        Assert.Equal(1, p.RunBases()["slow"]);

        p.Apply(new TaskStarted("slow", 2, T0.AddSeconds(11)));
        p.Apply(new TaskFinished(new TaskResult("slow", TaskState.Succeeded, null, null, 2, 5), T0.AddSeconds(12)));
        var done = p.Get("slow")!;
        Assert.Equal(TaskState.Succeeded, done.State);
        Assert.Equal(2, done.Attempts);
        Assert.Equal(
            ["TaskAccepted", "TaskStarted", "TaskFinished", "TaskAccepted", "TaskStarted", "TaskFinished"],
            done.Events.Select(e => e.GetType().Name));
        Assert.Equal(TaskState.TimedOut, ((TaskFinished)done.Events[2]).Result.State);
        Assert.Equal(0, ((TaskAccepted)done.Events[0]).Spec.Priority);
        Assert.Empty(p.RunBases());
        Assert.Equal(1, p.Stats().Total);
    }

    [Fact]
    public void A_second_acceptance_of_an_unfinished_task_is_ignored()
    {
        var p = new HistoryProjection();
        p.Apply(new TaskAccepted(Spec("busy"), T0));
        p.Apply(new TaskStarted("busy", 1, T0));
        p.Apply(new TaskAccepted(Spec("busy", priority: 1), T0.AddSeconds(1)));
        Assert.Equal(TaskState.Running, p.Get("busy")!.State);
        Assert.Equal(0, p.Get("busy")!.Spec.Priority);
    }

    [Fact]
    public void A_second_acceptance_of_a_succeeded_task_starts_a_new_run_because_its_inputs_changed()
    {
        var p = new HistoryProjection();
        p.Apply(new TaskAccepted(Spec("ok"), T0));
        p.Apply(new TaskStarted("ok", 1, T0));
        p.Apply(new TaskFinished(new TaskResult("ok", TaskState.Succeeded, null, null, 1, 1, InputFingerprint: "old"), T0));
        p.Apply(new TaskAccepted(Spec("ok"), T0.AddSeconds(1)));
        Assert.Equal(TaskState.Accepted, p.Get("ok")!.State);
        Assert.Equal(["ok"], p.Incomplete().Select(i => i.Spec.Id));
        Assert.Equal(1, p.RunBases()["ok"]);

        p.Apply(new TaskStarted("ok", 2, T0.AddSeconds(2)));
        p.Apply(new TaskFinished(new TaskResult("ok", TaskState.Succeeded, null, null, 2, 1, InputFingerprint: "new"), T0.AddSeconds(3)));
        Assert.Equal("new", p.Get("ok")!.Result!.InputFingerprint);
        Assert.Equal(["TaskAccepted", "TaskStarted", "TaskFinished", "TaskAccepted", "TaskStarted", "TaskFinished"], p.Get("ok")!.Events.Select(e => e.GetType().Name));
    }
}
