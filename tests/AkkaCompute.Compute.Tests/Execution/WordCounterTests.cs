using System.Text;
using AkkaCompute.Compute.Execution;
using FsCheck;
using FsCheck.Fluent;

namespace AkkaCompute.Compute.Tests.Execution;

public sealed class WordCounterTests
{
    private static readonly byte[][] Pieces =
    [
        "a"u8.ToArray(), "Z"u8.ToArray(), "7"u8.ToArray(), " "u8.ToArray(), "\n"u8.ToArray(), "\t"u8.ToArray(), "'"u8.ToArray(),
        Encoding.UTF8.GetBytes("é"), Encoding.UTF8.GetBytes("日"), Encoding.UTF8.GetBytes("𝄞"), Encoding.UTF8.GetBytes("\u00A0"),
        Encoding.UTF8.GetBytes("\u3000"), Encoding.UTF8.GetBytes("\u0301"), [0xFF], [0xE2, 0x82], [0xC3], [0x01],
    ];

    private static (long Words, long Lines, long Bytes, string Counts) Count(byte[] data, IEnumerable<int> cuts)
    {
        var counter = new WordCounter(1_000_000);
        var start = 0;
        foreach (var cut in cuts.Where(c => c > 0 && c < data.Length).Distinct().Order())
        {
            counter.Add(data.AsSpan(start, cut - start));
            start = cut;
        }

        counter.Add(data.AsSpan(start));
        counter.Complete();
        return (counter.Words, counter.Lines, counter.Bytes, string.Join(",", counter.Counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")));
    }

    [Fact]
    public void Chunk_boundaries_anywhere_do_not_change_any_count()
    {
        var gen =
            from pieces in Gen.ListOf(Gen.Elements(Pieces))
            from cuts in Gen.ListOf(Gen.Choose(0, 200))
            select (Data: pieces.SelectMany(p => p).ToArray(), Cuts: cuts.ToArray());
        var config = Config.QuickThrowOnFailure.WithMaxTest(500);
        Check.One(config, Prop.ForAll(Arb.From(gen), sample => Count(sample.Data, []) == Count(sample.Data, sample.Cuts)));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("one", 1)]
    [InlineData("  two  words  ", 2)]
    [InlineData("a\u00A0b", 2)]
    [InlineData("a\u200Bb", 1)]
    [InlineData("a\u2028b", 1)]
    [InlineData("\u2028", 0)]
    [InlineData("a\u0001b", 1)]
    [InlineData("\u0001", 0)]
    [InlineData("\u00AD", 1)]
    public void Words_follow_GNU_wc(string text, long words)
    {
        var counter = new WordCounter(100);
        counter.Add(Encoding.UTF8.GetBytes(text));
        counter.Complete();
        Assert.Equal(words, counter.Words);
    }

    [Fact]
    public void Long_tokens_are_cut_to_the_limit()
    {
        var counter = new WordCounter(100);
        counter.Add(Encoding.UTF8.GetBytes(new string('x', 1000) + " " + new string('x', 300)));
        counter.Complete();
        Assert.Equal(2, counter.Counts[new string('x', WordCounter.TokenLengthMax)]);
    }
}
