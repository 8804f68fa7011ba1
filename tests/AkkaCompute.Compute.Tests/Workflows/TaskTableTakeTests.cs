using AkkaCompute.Compute.Tasks;
using AkkaCompute.Compute.Workflows;
using Microsoft.Extensions.Time.Testing;
using static AkkaCompute.Compute.Tests.Workflows.SpecHelpers;

namespace AkkaCompute.Compute.Tests.Workflows;

/// <summary>
/// A task placed while it was being accepted (its owner started it when its replica held it) is taken by id: it becomes
/// Queued and TakeReady does not hand it out again; only a task that depends on nothing and is due qualifies.
/// </summary>
public sealed class TaskTableTakeTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Only_a_task_without_dependencies_or_due_time_is_ready_on_acceptance()
    {
        Assert.True(TaskTable.ReadyOnAcceptance(Fn("plain")));
        Assert.False(TaskTable.ReadyOnAcceptance(Fn("after", dependsOn: "plain")));
        Assert.False(TaskTable.ReadyOnAcceptance(Fn("ref", """{"x":{"$ref":"plain"}}""")));
        Assert.False(TaskTable.ReadyOnAcceptance(Fn("later") with { NotBefore = _clock.GetUtcNow().AddSeconds(1) }));
    }

    [Fact]
    public void A_taken_task_is_queued_and_not_handed_out_again()
    {
        var table = new TaskTable(_clock);
        table.Accept([Fn("a"), Fn("b")]);

        Assert.True(table.Take("b"));
        Assert.Equal(TaskState.Queued, table.StateOf("b"));
        Assert.False(table.Take("b"));
        Assert.Equal("a", table.TakeReady()!.Id);
        Assert.Null(table.TakeReady());

        // Put back (the owner's scheduler was full), it is handed out by TakeReady once.
        table.Untake("b");
        Assert.Equal("b", table.TakeReady()!.Id);
        Assert.Null(table.TakeReady());
    }

    [Fact]
    public void A_task_that_waits_or_is_unknown_or_finished_is_not_taken()
    {
        var table = new TaskTable(_clock);
        table.Accept([Fn("a"), Fn("b", dependsOn: "a"), Fn("later") with { NotBefore = _clock.GetUtcNow().AddSeconds(5) }, Fn("gone")]);
        table.Complete(new TaskResult("gone", TaskState.Cancelled, null, "cancelled", 0, 0));

        Assert.False(table.Take("b"));
        Assert.False(table.Take("later"));
        Assert.False(table.Take("unknown"));
        Assert.False(table.Take("gone"));
        Assert.Equal(TaskState.Accepted, table.StateOf("b"));
        Assert.Equal(TaskState.Cancelled, table.StateOf("gone"));
    }
}
