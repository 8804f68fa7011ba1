using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Scheduling;

public class ScheduleQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static QueuedTask Task(string id, int priority, DateTimeOffset? at = null) =>
        new(new TaskSpec { Id = id, Function = "noop", Priority = priority }, 1, at ?? T0);

    private static List<string> Drain(ScheduleQueue q)
    {
        var ids = new List<string>();
        while (q.TryDequeue() is { } t)
        {
            ids.Add(t.Spec.Id);
        }

        return ids;
    }

    [Fact]
    public void Higher_priority_first_and_FIFO_among_equals()
    {
        var q = new ScheduleQueue();
        foreach (var (id, p) in new[] { ("a", 0), ("b", 5), ("c", 0), ("d", 5), ("e", -1) })
        {
            Assert.True(q.TryEnqueue(Task(id, p)));
        }

        Assert.Equal(["b", "d", "a", "c", "e"], Drain(q));
    }

    [Fact]
    public void Aging_lets_old_low_priority_work_overtake()
    {
        var q = new ScheduleQueue();
        q.TryEnqueue(Task("old-low", 0, T0));
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(1, q.Age(T0 + TimeSpan.FromSeconds(30 * i), TimeSpan.FromSeconds(30), 1));
        }

        q.TryEnqueue(Task("new-high", 2, T0 + TimeSpan.FromSeconds(90)));
        Assert.Equal(3, q.PriorityOf("old-low"));
        Assert.Equal(["old-low", "new-high"], Drain(q));
    }

    [Fact]
    public void Aging_skips_tasks_that_have_not_waited_an_interval()
    {
        var q = new ScheduleQueue();
        q.TryEnqueue(Task("fresh", 0, T0));
        Assert.Equal(0, q.Age(T0 + TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), 1));
        Assert.Equal(0, q.PriorityOf("fresh"));
    }

    [Fact]
    public void Reprioritize_up_keeps_place_among_equals_and_down_goes_behind()
    {
        var q = new ScheduleQueue();
        q.TryEnqueue(Task("a", 1));
        q.TryEnqueue(Task("b", 0));
        q.TryEnqueue(Task("c", 1));
        Assert.True(q.Reprioritize("b", 1));
        Assert.True(q.Reprioritize("a", 0));
        Assert.False(q.Reprioritize("zz", 3));
        Assert.Equal(["b", "c", "a"], Drain(q));
    }

    [Fact]
    public void Remove_by_id_and_capacity_and_duplicates()
    {
        var q = new ScheduleQueue(capacity: 2);
        Assert.True(q.TryEnqueue(Task("a", 0)));
        Assert.False(q.TryEnqueue(Task("a", 0)));
        Assert.True(q.TryEnqueue(Task("b", 0)));
        Assert.False(q.TryEnqueue(Task("c", 0)));
        Assert.Equal("a", q.Remove("a")!.Spec.Id);
        Assert.Null(q.Remove("a"));
        Assert.Equal(["b"], Drain(q));
    }

    [Fact]
    public void Matches_a_reference_model_on_random_operations()
    {
        var random = new Random(42);
        var q = new ScheduleQueue();
        var model = new List<(string Id, int Priority, long Seq)>();
        long seq = 0;
        for (var step = 0; step < 20_000; step++)
        {
            var op = random.Next(10);
            if (op < 5 || model.Count == 0)
            {
                var id = "t" + step;
                var p = random.Next(-5, 6);
                q.TryEnqueue(Task(id, p));
                model.Add((id, p, seq++));
            }
            else if (op < 8)
            {
                var expected = model.OrderByDescending(m => m.Priority).ThenBy(m => m.Seq).First();
                model.Remove(expected);
                Assert.Equal(expected.Id, q.TryDequeue()!.Spec.Id);
            }
            else if (op < 9)
            {
                var victim = model[random.Next(model.Count)];
                model.Remove(victim);
                Assert.NotNull(q.Remove(victim.Id));
            }
            else
            {
                var i = random.Next(model.Count);
                var raised = model[i] with { Priority = model[i].Priority + random.Next(0, 3) };
                model[i] = raised;
                q.Reprioritize(raised.Id, raised.Priority);
            }

            Assert.Equal(model.Count, q.Count);
        }
    }
}
