using AkkaCompute.Compute.Tasks;
using AkkaCompute.Compute.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace AkkaCompute.Compute.Tests.Workflows;

/// <summary>The TaskTable holds a task with a due time ahead as Scheduled until ReleaseDue.</summary>
public sealed class TaskTableDueTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 21, 0, 0, TimeSpan.Zero));

    private TaskSpec Due(string id, double seconds) => new() { Id = id, Function = "noop", NotBefore = _clock.GetUtcNow().AddSeconds(seconds) };

    [Fact]
    public void A_task_not_yet_due_is_held_and_released_at_its_time_in_due_order()
    {
        var table = new TaskTable(_clock);
        table.Accept([Due("late", 20), Due("soon", 10), new TaskSpec { Id = "now", Function = "noop" }, Due("past", -5)]);

        Assert.Equal("now", table.TakeReady()!.Id);
        Assert.Equal("past", table.TakeReady()!.Id);
        Assert.Null(table.TakeReady());
        Assert.Equal(TaskState.Scheduled, table.StateOf("soon"));
        Assert.Equal(2, table.CountIn(TaskState.Scheduled));
        Assert.Equal(_clock.GetUtcNow().AddSeconds(10), table.NextDue);

        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(table.ReleaseDue(_clock.GetUtcNow()));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["soon"], table.ReleaseDue(_clock.GetUtcNow()).Select(s => s.Id));
        Assert.Equal("soon", table.TakeReady()!.Id);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(10), table.NextDue);
    }

    [Fact]
    public void A_cancelled_scheduled_task_is_never_released()
    {
        var table = new TaskTable(_clock);
        table.Accept([Due("x", 10)]);
        Assert.Null(table.TakeReady());
        table.Complete(new TaskResult("x", TaskState.Cancelled, null, "cancelled", 0, 0));
        Assert.Null(table.NextDue);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(table.ReleaseDue(_clock.GetUtcNow()));
        Assert.Null(table.TakeReady());
        Assert.Equal(TaskState.Cancelled, table.StateOf("x"));
    }

    [Fact]
    public void A_dependent_of_a_scheduled_task_waits_for_it()
    {
        var table = new TaskTable(_clock);
        table.Accept([Due("a", 10), new TaskSpec { Id = "b", Function = "noop", DependsOn = ["a"] }]);
        Assert.Null(table.TakeReady());
        _clock.Advance(TimeSpan.FromSeconds(10));
        table.ReleaseDue(_clock.GetUtcNow());
        Assert.Equal("a", table.TakeReady()!.Id);
        Assert.Null(table.TakeReady());
        table.Complete(new TaskResult("a", TaskState.Succeeded, null, null, 1, 1));
        Assert.Equal("b", table.TakeReady()!.Id);
    }
}
