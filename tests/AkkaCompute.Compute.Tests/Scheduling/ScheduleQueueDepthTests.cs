using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Scheduling;

/// <summary><see cref="ScheduleQueue.CountByPriority"/>: the queue depth by effective priority that akc node stats shows.</summary>
public sealed class ScheduleQueueDepthTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static QueuedTask Task(string id, int priority) => new(new TaskSpec { Id = id, Function = "noop", Priority = priority }, 1, T0);

    [Fact]
    public void Tasks_are_counted_per_effective_priority_highest_first()
    {
        var queue = new ScheduleQueue();
        Assert.Empty(queue.CountByPriority());
        foreach (var (id, p) in new[] { ("a", 0), ("b", 5), ("c", 0), ("d", -3), ("e", 5), ("f", 0) })
        {
            Assert.True(queue.TryEnqueue(Task(id, p)));
        }

        Assert.Equal([new(5, 2), new(0, 3), new(-3, 1)], queue.CountByPriority());

        queue.Reprioritize("d", 9);
        queue.Remove("a");
        Assert.Equal([new(9, 1), new(5, 2), new(0, 2)], queue.CountByPriority());
    }
}
