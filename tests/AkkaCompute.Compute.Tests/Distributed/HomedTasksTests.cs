using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Distributed;

/// <summary>The home's accepted tasks: lookup, and pruning of finished ones by age and by count.</summary>
public sealed class HomedTasksTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static AcceptedTask Entry(string id, int? finishedAtSecond = null, string head = "h1") =>
        new("akka.tcp://akc@h:1", "akka.tcp://akc@h:1", new TaskSpec { Id = id, Function = "echo" }, null, head,
            finishedAtSecond is null ? null : new TaskResult(id, TaskState.Succeeded, null, null, 1, 1),
            finishedAtSecond is { } s ? T0.AddSeconds(s) : null);

    [Fact]
    public void Old_finished_entries_are_pruned_oldest_first_and_unfinished_ones_stay()
    {
        var homed = new HomedTasks();
        homed.Set(Entry("running"));
        for (var i = 0; i < 5; i++)
        {
            homed.Set(Entry($"t{i}"));
            homed.Set(Entry($"t{i}", finishedAtSecond: i));
        }

        Assert.Equal(6, homed.Count);
        Assert.Equal(5, homed.FinishedCount);
        Assert.Equal(["t0", "t1", "t2"], homed.Prune(T0.AddSeconds(3), maxFinished: 100).Select(e => e.Spec.Id));
        Assert.False(homed.TryGet("t2", out _));
        Assert.True(homed.TryGet("t3", out _));
        Assert.True(homed.TryGet("running", out _));
        Assert.Equal(2, homed.FinishedCount);
        Assert.Empty(homed.Prune(T0.AddSeconds(3), maxFinished: 100));
    }

    [Fact]
    public void Finished_entries_beyond_the_bound_are_pruned_oldest_first_whatever_their_age()
    {
        var homed = new HomedTasks();
        for (var i = 0; i < 10; i++)
        {
            homed.Set(Entry($"t{i}", finishedAtSecond: i));
        }

        Assert.Equal(["t0", "t1", "t2", "t3"], homed.Prune(T0, maxFinished: 6).Select(e => e.Spec.Id));
        Assert.Equal(6, homed.FinishedCount);
        Assert.Equal(6, homed.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => homed.Prune(T0, -1));
    }

    [Fact]
    public void A_replaced_or_removed_entry_is_not_pruned_for_its_earlier_finish()
    {
        var homed = new HomedTasks();
        homed.Set(Entry("again", finishedAtSecond: 0));
        homed.Set(Entry("gone", finishedAtSecond: 1));
        homed.Set(Entry("twice", finishedAtSecond: 2));
        homed.Set(Entry("again", head: "h2")); // resubmitted: accepted again, unfinished
        Assert.True(homed.Remove("gone", out var removed));
        Assert.Equal("gone", removed.Spec.Id);
        Assert.False(homed.Remove("gone", out _));
        homed.Set(Entry("twice", finishedAtSecond: 50)); // its result recorded again later (e.g. re-homed)
        Assert.Equal(1, homed.FinishedCount);

        Assert.Empty(homed.Prune(T0.AddSeconds(10), maxFinished: 100));
        Assert.True(homed.TryGet("again", out var again));
        Assert.Null(again.FinishedAt);
        Assert.Equal(T0.AddSeconds(50), homed["twice"].FinishedAt);
        Assert.Equal(["twice"], homed.Prune(T0.AddSeconds(51), maxFinished: 100).Select(e => e.Spec.Id));
        Assert.Equal(0, homed.FinishedCount);
        Assert.Equal(1, homed.Count);
        Assert.Throws<KeyNotFoundException>(() => homed["twice"]);
    }
}
