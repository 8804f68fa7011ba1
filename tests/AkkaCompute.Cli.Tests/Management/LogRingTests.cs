using AkkaCompute.Cli.Management;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Cli.Tests.Management;

/// <summary>The bounded ring behind <c>akc log peek</c>.</summary>
public sealed class LogRingTests
{
    [Fact]
    public void It_keeps_the_last_lines_in_order_and_counts_what_it_dropped()
    {
        var ring = new LogRing(3);
        Assert.Empty(ring.Last(10));
        for (var i = 1; i <= 5; i++)
        {
            ring.Add($"line {i}");
        }

        Assert.Equal(["line 3", "line 4", "line 5"], ring.Last(10));
        Assert.Equal(["line 4", "line 5"], ring.Last(2));
        Assert.Empty(ring.Last(0));
        Assert.Equal((5L, 2L, 3), (ring.Added, ring.Dropped, ring.Capacity));
    }

    [Fact]
    public void A_long_line_is_cut_and_a_bad_capacity_is_refused()
    {
        var ring = new LogRing(1);
        ring.Add(new string('x', LogRing.MaxLineChars * 2));
        Assert.Equal(LogRing.MaxLineChars, ring.Last(1)[0].Length);
        Assert.EndsWith("...", ring.Last(1)[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogRing(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Last(-1));
    }

    [Fact]
    public void The_logger_provider_writes_one_line_per_entry_at_the_factory_level()
    {
        var ring = new LogRing(10);
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new LogRingLoggerProvider(ring))))
        {
            var logger = factory.CreateLogger("Test.Category");
            logger.LogDebug("hidden");
            logger.LogWarning("careful {Thing}", 42);
            logger.LogError(new InvalidOperationException("boom"), "failed");
        }

        var lines = ring.Last(10);
        Assert.Equal(2, lines.Count);
        Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{3} warn Test.Category: careful 42$", lines[0]);
        Assert.EndsWith("fail Test.Category: failed (InvalidOperationException: boom)", lines[1]);
    }
}
