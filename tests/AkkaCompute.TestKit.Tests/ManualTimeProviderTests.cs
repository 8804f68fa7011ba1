namespace AkkaCompute.TestKit.Tests;

public class ManualTimeProviderTests
{
    [Fact]
    public void Clock_moves_only_on_Advance()
    {
        var clock = new ManualTimeProvider();
        var start = clock.GetUtcNow();
        Assert.Equal(start, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(start.AddSeconds(3), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(3), clock.GetElapsedTime(0));
    }

    [Fact]
    public void Timers_fire_in_due_order_and_periodic_ones_repeat()
    {
        var clock = new ManualTimeProvider();
        var fired = new List<string>();
        using var b = clock.CreateTimer(_ => fired.Add("b@2"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using var a = clock.CreateTimer(_ => fired.Add("a@1"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var p = clock.CreateTimer(_ => fired.Add("p"), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(["a@1", "p", "b@2", "p", "p"], fired);
    }

    [Fact]
    public void Disposed_and_changed_timers_behave()
    {
        var clock = new ManualTimeProvider();
        var count = 0;
        var t = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        t.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, count);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, count);
        var d = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        d.Dispose();
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, count);
        Assert.Equal(0, clock.PendingTimerCount);
    }

    [Fact]
    public async Task Task_Delay_on_the_manual_clock_completes_on_Advance()
    {
        var clock = new ManualTimeProvider();
        var delay = Task.Delay(TimeSpan.FromMinutes(1), clock);
        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Negative_advance_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ManualTimeProvider().Advance(TimeSpan.FromSeconds(-1)));
}
