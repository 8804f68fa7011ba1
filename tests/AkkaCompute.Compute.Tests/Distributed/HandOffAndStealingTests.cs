using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Compute.Tests.Distributed;

public class HandOffAndStealingTests
{
    private static readonly ClusterMember[] Three = Enumerable.Range(4053, 3).Select(p => new ClusterMember($"akka.tcp://akc@127.0.0.1:{p}")).ToArray();

    private static List<OwnedTask> Tasks(int count, IReadOnlyCollection<ClusterMember> members) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var placement = TaskPlacement.For($"t{i}", "job", MerkleClock.Empty.Tick("x").Head);
            return new OwnedTask($"t{i}", placement, Ownership.OwnerOf(placement, members)!);
        }).ToList();

    [Fact]
    public void Only_the_removed_members_tasks_move_each_to_its_successor()
    {
        var tasks = Tasks(300, Three);
        var removed = Three[1].Address;
        var remaining = Three.Where(m => m.Address != removed).ToArray();

        var decisions = HandOff.Reassign(tasks, remaining);

        Assert.Equal(tasks.Count(t => t.Owner == removed), decisions.Count);
        Assert.All(decisions, d =>
        {
            Assert.Equal(removed, d.From);
            var task = tasks.Single(t => t.TaskId == d.TaskId);
            Assert.Equal(Ownership.Rank(task.Placement, Three)[1].Address, d.To); // the successor in the full ranking
        });
    }

    [Fact]
    public void An_unreachable_member_still_in_the_view_keeps_its_tasks()
    {
        Assert.Empty(HandOff.Reassign(Tasks(100, Three), Three));
    }

    [Fact]
    public void With_no_member_having_the_roles_the_task_waits()
    {
        var placement = TaskPlacement.For("t", "job", MerkleClock.Empty.Head, ["gpu"]);
        var decision = Assert.Single(HandOff.Reassign([new OwnedTask("t", placement, "gone")], Three));
        Assert.Null(decision.To);
    }

    [Fact]
    public void An_idle_node_steals_its_share_of_the_largest_backlog()
    {
        var thief = new NodeLoad("c", 0, 0, 2);
        var steal = WorkStealing.Plan(thief, [new NodeLoad("a", 100, 2, 2), new NodeLoad("b", 40, 2, 2)], maxBatch: 1000);
        Assert.Equal(new StealDecision("a", 50), steal);
        Assert.Equal(new StealDecision("a", 16), WorkStealing.Plan(thief, [new NodeLoad("a", 100, 2, 2)], maxBatch: 16));
    }

    [Fact]
    public void No_steal_when_busy_or_when_nobody_has_a_backlog()
    {
        Assert.Null(WorkStealing.Plan(new NodeLoad("c", 1, 0, 2), [new NodeLoad("a", 100, 2, 2)], 10)); // has queued work
        Assert.Null(WorkStealing.Plan(new NodeLoad("c", 0, 2, 2), [new NodeLoad("a", 100, 2, 2)], 10)); // no free executor
        Assert.Null(WorkStealing.Plan(new NodeLoad("c", 0, 0, 2), [new NodeLoad("a", 1, 1, 2)], 10)); // a starts its own soon
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkStealing.Plan(new NodeLoad("c", 0, 0, 2), [], 0));
    }

    [Fact]
    public void The_first_result_wins_and_later_ones_are_counted()
    {
        var ledger = new ResultLedger();
        Assert.True(ledger.TryRecord("t", "a"));
        Assert.False(ledger.TryRecord("t", "b"));
        Assert.Equal("a", ledger.WinnerOf("t"));
        Assert.Equal(1, ledger.Duplicates);
    }
}
