namespace AkkaCompute.Compute.Execution;

/// <summary>The built-in <c>word-count</c>: the map step of a word count.</summary>
public static class WordCountFunction
{
    /// <summary>Largest <c>top</c>.</summary>
    public const int TopMax = 10_000;

    /// <summary>Largest <c>maxDistinctWords</c>.</summary>
    public const int DistinctWordsMax = 10_000_000;

    /// <summary>
    /// Counts the words, lines and bytes of <paramref name="file"/> (streamed) or of the UTF-8
    /// bytes of <paramref name="text"/> (give exactly one), and how often each lower-cased token
    /// of letters and digits occurs.
    /// </summary>
    /// <param name="context">Resolves a relative <paramref name="file"/> against its working directory.</param>
    /// <param name="cancellationToken">Cancels the asynchronous read of each 64 KiB chunk.</param>
    /// <param name="file">A file path.</param>
    /// <param name="text">A text.</param>
    /// <param name="top">How many of the most frequent tokens to list in <see cref="WordCountResult.Top"/>; 0 (default) lists none; at most <see cref="TopMax"/>.</param>
    /// <param name="maxDistinctWords">Most distinct tokens counted before failing; default 1,000,000, at most <see cref="DistinctWordsMax"/>.</param>
    /// <exception cref="ArgumentException">Both or neither of <paramref name="file"/> and <paramref name="text"/> were given.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> or <paramref name="maxDistinctWords"/> is out of range.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist, or is a directory.</exception>
    /// <exception cref="ArgumentException">The file is not a regular file (a FIFO, a device, a socket): refused without reading it.</exception>
    /// <exception cref="InvalidOperationException">The input has more distinct tokens than <paramref name="maxDistinctWords"/>.</exception>
    [ComputeFunction("word-count", Description = "words, lines, bytes (as wc) and token counts of a 'file' or a 'text'; 'top' lists the most frequent")]
    public static async Task<WordCountResult> WordCount(
        FunctionContext context, CancellationToken cancellationToken, [InputFile] string? file = null, string? text = null, int top = 0, int maxDistinctWords = 1_000_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, TopMax);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDistinctWords, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDistinctWords, DistinctWordsMax);
        var counter = new WordCounter(maxDistinctWords);
        await TextInput.ReadAsync("word-count", file, text, context, counter.Add, cancellationToken).ConfigureAwait(false);
        counter.Complete();
        var counts = new SortedDictionary<string, long>(counter.Counts.ToDictionary(), StringComparer.Ordinal);
        List<WordFrequency>? topList = top == 0
            ? null
            : [.. counter.Counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(top).Select(kv => new WordFrequency(kv.Key, kv.Value))];
        return new WordCountResult(counter.Words, counter.Lines, counter.Bytes, counts, topList, file);
    }
}
