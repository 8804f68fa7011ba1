using AkkaCompute.Compute.History;

namespace AkkaCompute.Compute.Tests.History;

/// <summary><see cref="WriteLatencyWindow"/>: the journal write latency of akc node stats and /metrics.</summary>
public sealed class WriteLatencyWindowTests
{
    [Fact]
    public void Mean_and_max_cover_the_last_256_writes_and_count_all()
    {
        var w = new WriteLatencyWindow();
        Assert.Equal((0L, 0.0, 0.0), (w.Count, w.MeanMs, w.MaxMs));

        w.Add(TimeSpan.FromMilliseconds(2));
        w.Add(TimeSpan.FromMilliseconds(4));
        w.Add(TimeSpan.FromMilliseconds(-1)); // a clock step back counts as 0
        Assert.Equal((3L, 2.0, 4.0), (w.Count, w.MeanMs, w.MaxMs));

        for (var i = 0; i < WriteLatencyWindow.Capacity; i++)
        {
            w.Add(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal((259L, 10.0, 10.0), (w.Count, w.MeanMs, w.MaxMs)); // the first three left the window
    }
}
