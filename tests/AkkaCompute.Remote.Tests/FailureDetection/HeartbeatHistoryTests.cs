using AkkaCompute.Remote.FailureDetection;

namespace AkkaCompute.Remote.Tests.FailureDetection;

public sealed class HeartbeatHistoryTests
{
    [Fact]
    public void Keeps_only_the_most_recent_intervals_up_to_capacity()
    {
        var history = new HeartbeatHistory(capacity: 3);
        foreach (var interval in new long[] { 1, 2, 3, 4, 5 })
        {
            history.Add(interval);
        }

        Assert.Equal(3, history.Count);
        Assert.Equal(new long[] { 3, 4, 5 }, history.ToArray());
        Assert.Equal(4.0, history.Mean, 12);
        Assert.Equal(2.0 / 3.0, history.Variance, 12);
    }

    [Fact]
    public void Running_statistics_match_a_direct_computation_over_the_window()
    {
        var random = new Random(99);
        var history = new HeartbeatHistory(capacity: 50);
        var all = new List<long>();
        for (var i = 0; i < 1000; i++)
        {
            var interval = random.Next(0, 5000);
            all.Add(interval);
            history.Add(interval);

            var window = all.TakeLast(50).Select(x => (double)x).ToArray();
            var mean = window.Average();
            var std = Math.Sqrt(window.Select(x => (x - mean) * (x - mean)).Average());
            Assert.Equal(mean, history.Mean, 9);
            Assert.Equal(std, history.StdDeviation, 6);
        }
    }

    [Fact]
    public void Negative_and_huge_intervals_are_clamped()
    {
        var history = new HeartbeatHistory(capacity: 2);
        history.Add(-5);
        history.Add(long.MaxValue);
        Assert.Equal(new long[] { 0, HeartbeatHistory.MaxIntervalMs }, history.ToArray());
    }

    [Fact]
    public void Empty_history_has_no_statistics()
    {
        var history = new HeartbeatHistory(capacity: 1);
        Assert.True(double.IsNaN(history.Mean));
        Assert.True(double.IsNaN(history.StdDeviation));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeartbeatHistory(0));
    }
}
