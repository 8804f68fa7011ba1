using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Tests.Hocon;

public class HoconSizeTests
{
    [Theory]
    [InlineData("512", 512L)]
    [InlineData("10B", 10L)]
    [InlineData("10 bytes", 10L)]
    [InlineData("1K", 1024L)]
    [InlineData("1k", 1024L)]
    [InlineData("1KiB", 1024L)]
    [InlineData("1kB", 1000L)]
    [InlineData("1KB", 1000L)]
    [InlineData("2 kilobytes", 2000L)]
    [InlineData("2 kibibytes", 2048L)]
    [InlineData("4MiB", 4L * 1024 * 1024)]
    [InlineData("4M", 4L * 1024 * 1024)]
    [InlineData("4MB", 4_000_000L)]
    [InlineData("1GiB", 1L << 30)]
    [InlineData("1G", 1L << 30)]
    [InlineData("3GB", 3_000_000_000L)]
    [InlineData("1TiB", 1L << 40)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("1.5KiB", 1536L)]
    [InlineData("1EiB", 1L << 60)]
    public void Parses_decimal_and_binary_units(string text, long bytes)
    {
        Assert.Equal(bytes, HoconSize.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("MB")]
    [InlineData("10 mb")]
    [InlineData("10 XB")]
    public void Rejects_invalid_sizes(string text)
    {
        Assert.Throws<FormatException>(() => HoconSize.Parse(text));
        Assert.False(HoconSize.TryParse(text, out _));
    }

    [Fact]
    public void Too_large_is_an_overflow()
    {
        Assert.Throws<OverflowException>(() => HoconSize.Parse("16EiB"));
    }
}
