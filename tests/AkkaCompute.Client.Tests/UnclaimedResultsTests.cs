using AkkaCompute.Compute.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace AkkaCompute.Client.Tests;

/// <summary>Results pushed before anyone waits are kept for a waiter to take once, for at most a minute, and forgotten on resubmission.</summary>
public sealed class UnclaimedResultsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 15, 30, 0, TimeSpan.Zero));

    private static TaskResult Done(string id, string? error = null) => new(id, error is null ? TaskState.Succeeded : TaskState.Failed, null, error, 1, 1);

    [Fact]
    public void A_kept_result_is_taken_once()
    {
        var unclaimed = new UnclaimedResults(_clock);
        unclaimed.Put(Done("a"));

        Assert.True(unclaimed.TryTake("a", out var result));
        Assert.Equal("a", result!.TaskId);
        Assert.False(unclaimed.TryTake("a", out _));
        Assert.False(unclaimed.TryTake("never", out _));
    }

    [Fact]
    public void A_result_older_than_a_minute_is_not_handed_out_and_is_dropped_by_later_arrivals()
    {
        var unclaimed = new UnclaimedResults(_clock);
        unclaimed.Put(Done("old"));
        unclaimed.Put(Done("older-taken"));
        _clock.Advance(UnclaimedResults.MaxAge + TimeSpan.FromSeconds(1));

        Assert.False(unclaimed.TryTake("old", out _));
        unclaimed.Put(Done("older-taken"));
        unclaimed.Put(Done("new"));
        Assert.Equal(2, unclaimed.Count); // "older-taken" kept by its second arrival, not dropped with its first
        Assert.True(unclaimed.TryTake("older-taken", out _));
    }

    [Fact]
    public void Resubmitted_ids_are_forgotten_and_a_later_result_replaces_an_earlier_one()
    {
        var unclaimed = new UnclaimedResults(_clock);
        unclaimed.Put(Done("a", error: "first run"));
        unclaimed.Put(Done("b", error: "first run"));
        unclaimed.Put(Done("b"));
        unclaimed.Forget(["a"]);

        Assert.False(unclaimed.TryTake("a", out _));
        Assert.True(unclaimed.TryTake("b", out var b));
        Assert.Null(b!.Error);
    }

    [Fact]
    public void Past_the_byte_bound_the_oldest_results_make_room_and_a_result_larger_than_the_bound_is_not_kept()
    {
        var unclaimed = new UnclaimedResults(_clock);
        var fourMiB = System.Text.Json.JsonDocument.Parse("\"" + new string('x', 4 * 1024 * 1024 - 2) + "\"").RootElement.Clone();
        for (var i = 0; i < 17; i++)
        {
            unclaimed.Put(new TaskResult($"big{i}", TaskState.Succeeded, fourMiB, null, 1, 1));
        }

        Assert.Equal(16, unclaimed.Count);
        Assert.Equal(UnclaimedResults.MaxBytes, unclaimed.Bytes);
        Assert.False(unclaimed.TryTake("big0", out _));
        Assert.True(unclaimed.TryTake("big16", out _));
        Assert.Equal(UnclaimedResults.MaxBytes - (4 * 1024 * 1024), unclaimed.Bytes);

        unclaimed.Put(new TaskResult("huge", TaskState.Failed, null, new string('e', (int)UnclaimedResults.MaxBytes + 1), 1, 1));
        Assert.False(unclaimed.TryTake("huge", out _));
    }

    [Fact]
    public void At_capacity_the_oldest_result_makes_room()
    {
        var unclaimed = new UnclaimedResults(_clock);
        for (var i = 0; i <= UnclaimedResults.Capacity; i++)
        {
            unclaimed.Put(Done($"t{i}"));
        }

        Assert.Equal(UnclaimedResults.Capacity, unclaimed.Count);
        Assert.False(unclaimed.TryTake("t0", out _));
        Assert.True(unclaimed.TryTake($"t{UnclaimedResults.Capacity}", out _));
    }
}
