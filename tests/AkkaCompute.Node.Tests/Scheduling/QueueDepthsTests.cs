using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Scheduling;

namespace AkkaCompute.Node.Tests.Scheduling;

/// <summary><see cref="GetQueueDepths.Of"/>: the scheduler's answer lists the highest priorities and sums the rest.</summary>
public sealed class QueueDepthsTests
{
    [Fact]
    public void At_most_32_priorities_are_listed_and_the_lower_ones_are_summed()
    {
        var queue = new ScheduleQueue();
        for (var p = 0; p < GetQueueDepths.MaxPriorities + 4; p++)
        {
            for (var k = 0; k < 2; k++)
            {
                queue.TryEnqueue(new QueuedTask(new TaskSpec { Id = $"t{p}-{k}", Function = "noop", Priority = p }, 1, DateTimeOffset.UnixEpoch));
            }
        }

        var depths = GetQueueDepths.Of(queue);
        Assert.Equal(GetQueueDepths.MaxPriorities, depths.ByPriority.Count);
        Assert.Equal(new PriorityCount(GetQueueDepths.MaxPriorities + 3, 2), depths.ByPriority[0]);
        Assert.Equal(new PriorityCount(4, 2), depths.ByPriority[^1]);
        Assert.Equal(8, depths.Lower); // priorities 0 to 3, two tasks each
        Assert.Equal(new QueueDepths([], 0), GetQueueDepths.Of(new ScheduleQueue()) with { ByPriority = [] });
    }
}
