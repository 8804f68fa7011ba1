using AkkaCompute.Compute.Execution;

namespace AkkaCompute.Compute.Tests.Execution.Progress;

public class ProgressGateTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void The_first_value_goes_out_at_once()
    {
        var gate = new ProgressGate(Interval);
        Assert.True(gate.Offer(0.1));
        Assert.Equal(new ProgressFlush(0.1, null), gate.Flush(TimeSpan.Zero));
    }

    [Fact]
    public void A_flood_of_reports_becomes_one_report_per_interval_and_the_latest_value_is_never_lost()
    {
        var gate = new ProgressGate(Interval);
        var sent = new List<(TimeSpan At, double Value)>();
        var now = TimeSpan.Zero;
        TimeSpan? flushAt = null;
        var flushRequests = 0;

        // 100,000 reports over 2 s of virtual time (one every 20 us), the consumer flushing as told.
        for (var i = 1; i <= 100_000; i++)
        {
            now = TimeSpan.FromTicks(i * 200L);
            if (flushAt is { } due && now >= due)
            {
                flushAt = Consume(gate, now, sent);
            }

            if (gate.Offer(i / 100_000.0))
            {
                flushRequests++;
                flushAt ??= now;
                if (flushAt <= now)
                {
                    flushAt = Consume(gate, now, sent);
                }
            }
        }

        while (flushAt is { } last)
        {
            now = last;
            flushAt = Consume(gate, now, sent);
        }

        Assert.InRange(sent.Count, 2, 2 + (int)(now / Interval));
        Assert.Equal(1.0, sent[^1].Value);
        for (var i = 1; i < sent.Count; i++)
        {
            Assert.True(sent[i].At - sent[i - 1].At >= Interval, $"reports {i - 1} and {i} are {sent[i].At - sent[i - 1].At} apart");
        }

        Assert.True(flushRequests <= sent.Count + 1, $"{flushRequests} flush requests for {sent.Count} reports");
    }

    [Fact]
    public void An_unchanged_value_is_not_sent_again_and_NaN_is_ignored()
    {
        var gate = new ProgressGate(Interval);
        gate.Offer(0.5);
        Assert.Equal(0.5, gate.Flush(TimeSpan.Zero).Send);
        Assert.False(gate.Offer(double.NaN));
        Assert.True(gate.Offer(0.5));
        Assert.Equal(new ProgressFlush(null, null), gate.Flush(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Values_are_clamped_to_0_and_1()
    {
        var gate = new ProgressGate(Interval);
        gate.Offer(7);
        Assert.Equal(1.0, gate.Flush(TimeSpan.Zero).Send);
        gate.Offer(-3);
        Assert.Equal(0.0, gate.Flush(TimeSpan.FromSeconds(1)).Send);
    }

    [Fact]
    public void Too_soon_says_how_long_to_wait()
    {
        var gate = new ProgressGate(Interval);
        gate.Offer(0.1);
        gate.Flush(TimeSpan.FromMilliseconds(1000));
        Assert.True(gate.Offer(0.2));
        Assert.Equal(new ProgressFlush(null, TimeSpan.FromMilliseconds(150)), gate.Flush(TimeSpan.FromMilliseconds(1100)));
        Assert.False(gate.Offer(0.3)); // still pending: no second flush request
        Assert.Equal(0.3, gate.Flush(TimeSpan.FromMilliseconds(1250)).Send);
    }

    [Fact]
    public void A_non_positive_interval_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProgressGate(TimeSpan.Zero));
    }

    private static TimeSpan? Consume(ProgressGate gate, TimeSpan now, List<(TimeSpan, double)> sent)
    {
        var d = gate.Flush(now);
        if (d.Send is { } v)
        {
            sent.Add((now, v));
        }

        return d.Wait is { } wait ? now + wait : null;
    }
}
