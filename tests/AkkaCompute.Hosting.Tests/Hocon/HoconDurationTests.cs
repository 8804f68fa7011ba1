using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Tests.Hocon;

public class HoconDurationTests
{
    [Theory]
    [InlineData("500ms", 500 * TimeSpan.TicksPerMillisecond)]
    [InlineData("250", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1.5s", 1500 * TimeSpan.TicksPerMillisecond)]
    [InlineData("10 seconds", 10 * TimeSpan.TicksPerSecond)]
    [InlineData("1 second", TimeSpan.TicksPerSecond)]
    [InlineData("2m", 2 * TimeSpan.TicksPerMinute)]
    [InlineData("3 minutes", 3 * TimeSpan.TicksPerMinute)]
    [InlineData("1h", TimeSpan.TicksPerHour)]
    [InlineData("2 hours", 2 * TimeSpan.TicksPerHour)]
    [InlineData("1d", TimeSpan.TicksPerDay)]
    [InlineData("7 days", 7 * TimeSpan.TicksPerDay)]
    [InlineData("300ns", 3)]
    [InlineData("5us", 50)]
    [InlineData("5 micros", 50)]
    [InlineData("2 millis", 2 * TimeSpan.TicksPerMillisecond)]
    [InlineData(" 42 ms ", 42 * TimeSpan.TicksPerMillisecond)]
    [InlineData("0", 0)]
    public void Parses_number_and_unit(string text, long ticks)
    {
        Assert.Equal(TimeSpan.FromTicks(ticks), HoconDuration.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ms")]
    [InlineData("10 S")]
    [InlineData("10 fortnights")]
    [InlineData("1.2.3s")]
    public void Rejects_invalid_durations(string text)
    {
        Assert.Throws<FormatException>(() => HoconDuration.Parse(text));
        Assert.False(HoconDuration.TryParse(text, out _));
    }

    [Fact]
    public void Unknown_unit_message_names_the_unit()
    {
        var e = Assert.Throws<FormatException>(() => HoconDuration.Parse("3 weeks"));
        Assert.Contains("unknown unit 'weeks'", e.Message);
    }

    [Fact]
    public void Too_large_is_an_overflow()
    {
        Assert.Throws<OverflowException>(() => HoconDuration.Parse("999999999999 days"));
    }
}
