using AkkaCompute.Compute.Protocol;
using AkkaCompute.Hosting.Node;

namespace AkkaCompute.Hosting.Tests.Node;

public class IdleTrimScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly NodeStatus Done = new(Known: 5, Waiting: 0, Queued: 0, Running: 0, Retrying: 0, Succeeded: 5, Failed: 0, Cancelled: 0);
    private static readonly NodeActivity Idle = new(Done, BusyExecutors: 0);

    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    [Fact]
    public void An_idle_node_trims_once_its_counters_have_stood_still_for_the_idle_time_and_then_not_again()
    {
        var schedule = new IdleTrimSchedule(TimeSpan.FromSeconds(30));
        Assert.False(schedule.Observe(Idle, At(0)));
        Assert.False(schedule.Observe(Idle, At(29.9)));
        Assert.True(schedule.Observe(Idle, At(30)));
        Assert.False(schedule.Observe(Idle, At(60)));
        Assert.False(schedule.Observe(Idle, At(3600)));
    }

    [Fact]
    public void Work_re_arms_it_and_the_idle_time_counts_from_the_last_change()
    {
        var schedule = new IdleTrimSchedule(TimeSpan.FromSeconds(30));
        schedule.Observe(Idle, At(0));
        Assert.True(schedule.Observe(Idle, At(30)));

        var more = new NodeActivity(Done with { Known = 6, Succeeded = 6 }, 0); // a task ran and finished between two polls
        Assert.False(schedule.Observe(more, At(40)));
        Assert.False(schedule.Observe(more, At(69)));
        Assert.True(schedule.Observe(more, At(70)));
    }

    [Fact]
    public void It_never_trims_while_tasks_are_queued_running_waiting_to_retry_or_executed_for_others_even_when_nothing_moves()
    {
        NodeActivity[] busyOnes =
        [
            new(Done with { Queued = 1 }, 0), new(Done with { Running = 1 }, 0), new(Done with { Retrying = 1 }, 0),
            new(Done, BusyExecutors: 2), // attempts of tasks that other members own: not in this node's counters
        ];
        foreach (var busy in busyOnes)
        {
            var schedule = new IdleTrimSchedule(TimeSpan.FromSeconds(30));
            schedule.Observe(busy, At(0));
            Assert.False(schedule.Observe(busy, At(3600)));
            Assert.False(schedule.Observe(Idle, At(3601)));
            Assert.True(schedule.Observe(Idle, At(3631)));
        }
    }

    [Fact]
    public void The_idle_time_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdleTrimSchedule(TimeSpan.Zero));
    }
}
