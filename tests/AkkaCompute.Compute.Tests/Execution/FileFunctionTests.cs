using System.Globalization;
using System.Text;
using System.Text.Json;
using AkkaCompute.Compute.Execution;
using static AkkaCompute.Compute.Tests.Execution.TestSupport;

namespace AkkaCompute.Compute.Tests.Execution;

/// <summary>sha256 and word-count against the real sha256sum and wc, on files that probe the edges.</summary>
public sealed class FileFunctionTests : IDisposable
{
    private static readonly FunctionRegistry Registry = FunctionRegistry.CreateWithBuiltIns();
    private readonly TempDirectory _dir = TempDir();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Samples => new()
    {
        "empty",
        "no-trailing-newline",
        "lines",
        "blank-lines",
        "unicode",
        "controls-and-invalid-utf8",
        "large-multibyte",
        "binary",
    };

    private string WriteSample(string name)
    {
        var random = new Random(20250611);
        byte[] content = name switch
        {
            "empty" => [],
            "no-trailing-newline" => Encoding.UTF8.GetBytes("one two\nthree"),
            "lines" => Encoding.UTF8.GetBytes("alpha beta\ngamma\tdelta\n  epsilon  \n"),
            "blank-lines" => Encoding.UTF8.GetBytes("\n\n\r\n \n"),
            "unicode" => Encoding.UTF8.GetBytes("héllo wörld\u00A0nbsp 日本 語\u3000ideographic\u2003em\u200Bzwsp\u2028ls\u2060wj\u00ADshy end\n"),
            "controls-and-invalid-utf8" => [.. "a\u0001b \u0001 c\u007F "u8, 0xFF, 0x20, 0xC3, 0x28, 0x20, 0xE2, 0x82, 0x20, .. "x\u0085y \t\v\f\r z"u8],
            "large-multibyte" => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => i % 7 == 0 ? "日本語テキスト\n" : $"wörd{i % 13} ÿ€𝄞 "))),
            _ => Bytes(random, 300_000),
        };
        return _dir.Write(name, content);
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static Task<JsonElement> Invoke(string name, object args, FunctionContext? context = null) =>
        Registry.InvokeAsync(name, JsonSerializer.SerializeToElement(args), context ?? new FunctionContext(), CancellationToken.None);

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Sha256_matches_sha256sum_and_wc(string sample)
    {
        var path = WriteSample(sample);
        var result = await Invoke("sha256", new { file = path });

        var expectedHash = RunTool("sha256sum", path).Split(' ')[0];
        var wc = RunTool("wc", "-l", "-c", path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expectedHash, result.GetProperty("sha256").GetString());
        Assert.Equal(long.Parse(wc[0], CultureInfo.InvariantCulture), result.GetProperty("lines").GetInt64());
        Assert.Equal(long.Parse(wc[1], CultureInfo.InvariantCulture), result.GetProperty("bytes").GetInt64());
        Assert.Equal(path, result.GetProperty("file").GetString());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Word_count_matches_wc(string sample)
    {
        var path = WriteSample(sample);
        var result = await Invoke("word-count", new { file = path });

        var wc = RunTool("wc", "-l", "-w", "-c", path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(long.Parse(wc[0], CultureInfo.InvariantCulture), result.GetProperty("lines").GetInt64());
        Assert.Equal(long.Parse(wc[1], CultureInfo.InvariantCulture), result.GetProperty("words").GetInt64());
        Assert.Equal(long.Parse(wc[2], CultureInfo.InvariantCulture), result.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task Sha256_of_text_hashes_its_UTF8_bytes()
    {
        var result = await Invoke("sha256", new { text = "abc" });
        Assert.Equal("""{"sha256":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","bytes":3,"lines":0}""", Compact(result));
        var empty = await Invoke("sha256", new { text = "" });
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Relative_paths_resolve_against_the_working_directory()
    {
        _dir.Write("rel.txt", "x\ny\n");
        var result = await Invoke("sha256", new { file = "rel.txt" }, new FunctionContext { WorkingDirectory = _dir.Path });
        Assert.Equal(2, result.GetProperty("lines").GetInt64());
        Assert.Equal("rel.txt", result.GetProperty("file").GetString());
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("word-count")]
    public async Task File_or_text_exactly_one_is_required(string function)
    {
        var neither = await Assert.ThrowsAsync<ArgumentException>(() => Invoke(function, new { }));
        Assert.StartsWith($"{function}: give exactly one of 'file' or 'text' (given neither)", neither.Message, StringComparison.Ordinal);
        var both = await Assert.ThrowsAsync<ArgumentException>(() => Invoke(function, new { file = "a", text = "b" }));
        Assert.Contains("(given both)", both.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<FileNotFoundException>(() => Invoke(function, new { file = _dir.File("missing.txt") }));
        Assert.StartsWith($"{function}: file '{_dir.File("missing.txt")}' not found", missing.Message, StringComparison.Ordinal);
        var directory = await Assert.ThrowsAsync<FileNotFoundException>(() => Invoke(function, new { file = _dir.Path }));
        Assert.Contains("is a directory", directory.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 12.1: a FIFO argument hung the job (opening it for reading waits for a writer, forever). It is refused at once,
    /// without being opened; the deadline makes the old behaviour fail instead of hang.
    /// </summary>
    [Theory]
    [InlineData("sha256")]
    [InlineData("word-count")]
    public async Task A_fifo_is_refused_without_blocking(string function)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fifo = _dir.File("pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var e = await Assert.ThrowsAsync<ArgumentException>(() => Task.Run(() => Invoke(function, new { file = fifo })).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal($"{function}: '{fifo}' is a FIFO (named pipe), not a regular file; refused without reading it (reading it might never end)", e.Message);
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("word-count")]
    public async Task A_device_is_refused(string function)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var e = await Assert.ThrowsAsync<ArgumentException>(() => Invoke(function, new { file = "/dev/null" }).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("'/dev/null' is a character device, not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbolic_link_to_a_regular_file_is_read_and_reading_is_cancellable()
    {
        var target = _dir.Write("target.txt", "one two\n");
        var link = _dir.File("link.txt");
        File.CreateSymbolicLink(link, target);
        var result = await Invoke("sha256", new { file = link });
        Assert.Equal(8, result.GetProperty("bytes").GetInt64());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Registry.InvokeAsync("sha256", JsonSerializer.SerializeToElement(new { file = target }), new FunctionContext(), cancelled.Token));
    }

    [Fact]
    public async Task Word_count_reports_lower_cased_letter_and_digit_tokens_and_the_top_ones()
    {
        var result = await Invoke("word-count", new { text = "The the THE cat. Don't stop; Straße 42 42", top = 3 });
        Assert.Equal(9, result.GetProperty("words").GetInt64());
        Assert.Equal("""{"42":2,"cat":1,"don":1,"stop":1,"straße":1,"t":1,"the":3}""", Compact(result.GetProperty("counts")));
        Assert.Equal("""[{"word":"the","count":3},{"word":"42","count":2},{"word":"cat","count":1}]""", Compact(result.GetProperty("top")));
        Assert.False((await Invoke("word-count", new { text = "x" })).TryGetProperty("top", out _));
    }

    [Fact]
    public async Task Word_count_refuses_more_distinct_words_than_its_limit()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Invoke("word-count", new { text = "a b c d", maxDistinctWords = 3 }));
        Assert.StartsWith("word-count: more than 3 distinct words; raise 'maxDistinctWords'", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Invoke("word-count", new { text = "a", top = 10_001 }));
    }

    [Fact]
    public async Task Progress_is_reported_for_files()
    {
        var path = _dir.Write("big.bin", Bytes(new Random(1), 200_000));
        var reports = new List<double>();
        await Invoke("sha256", new { file = path }, new FunctionContext { Progress = reports.Add });
        Assert.Equal(1.0, reports[^1]);
        Assert.True(reports.Count >= 3);
    }
}
