using System.Text;
using AkkaCompute.Compute.Execution;

namespace AkkaCompute.Compute.Tests.Execution.Progress;

public class ProgressLineTests
{
    [Theory]
    [InlineData("::progress 0.4", 0.4)]
    [InlineData("::progress 0", 0.0)]
    [InlineData("::progress 1", 1.0)]
    [InlineData("::progress 1.0", 1.0)]
    [InlineData("::progress .25", 0.25)]
    [InlineData("::progress 40%", 0.4)]
    [InlineData("::progress 40 %", 0.4)]
    [InlineData("::progress 100%", 1.0)]
    [InlineData("::progress 0%", 0.0)]
    [InlineData("::progress 12.5%", 0.125)]
    [InlineData("  ::progress\t0.5  ", 0.5)]
    [InlineData("::progress 0.5\r", 0.5)]
    public void Progress_lines_are_read(string line, double expected)
    {
        Assert.True(ProgressLine.TryParse(line, out var fraction));
        Assert.Equal(expected, fraction, 10);
    }

    [Theory]
    [InlineData("")]
    [InlineData("progress 0.5")]
    [InlineData("::progress")]
    [InlineData("::progress ")]
    [InlineData("::progress0.5")]
    [InlineData("::progress 1.5")]
    [InlineData("::progress -0.1")]
    [InlineData("::progress 101%")]
    [InlineData("::progress NaN")]
    [InlineData("::progress Infinity")]
    [InlineData("::progress 0.5 done")]
    [InlineData("::progress 1e-1")]
    [InlineData("::progress 0,5")]
    [InlineData("::PROGRESS 0.5")]
    [InlineData("echo ::progress 0.5")]
    [InlineData("::progress 0.5%%")]
    public void Other_lines_are_not_progress(string line)
    {
        Assert.False(ProgressLine.TryParse(line, out var fraction));
        Assert.Equal(0, fraction);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_not_progress()
    {
        var line = "::progress " + new string('0', ProgressLine.MaxLength) + "0.5";
        Assert.False(ProgressLine.TryParse(line, out _));
    }

    [Fact]
    public void The_scanner_finds_lines_split_across_chunks_and_a_last_line_without_newline()
    {
        var seen = new List<double>();
        var scanner = new ProgressLineScanner(seen.Add);
        var bytes = Encoding.UTF8.GetBytes("hello\n::progress 0.1\nnot ::progress 0.2\n::progr" + "ess 30%\r\n" + new string('x', 500) + "::progress 0.9\n::progress 1");
        foreach (var chunkSize in new[] { 1, 3, 7, bytes.Length })
        {
            seen.Clear();
            scanner = new ProgressLineScanner(seen.Add);
            for (var i = 0; i < bytes.Length; i += chunkSize)
            {
                scanner.Feed(bytes.AsSpan(i, Math.Min(chunkSize, bytes.Length - i)));
            }

            scanner.Complete();
            Assert.Equal([0.1, 0.3, 1.0], seen);
        }
    }

    [Fact]
    public void The_scanner_skips_a_long_line_that_starts_like_progress()
    {
        var seen = new List<double>();
        var scanner = new ProgressLineScanner(seen.Add);
        scanner.Feed(Encoding.UTF8.GetBytes("::progress 0.5" + new string(' ', 100) + "x\n::progress 0.6\n"));
        scanner.Complete();
        Assert.Equal([0.6], seen);
    }
}
