using System.Buffers;
using System.Globalization;
using System.Text;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Counts bytes, lines ('\n'), words (exactly as GNU <c>wc -w</c> in a UTF-8 locale) and the
/// frequency of each lower-cased token of letters and digits, over a byte stream fed in chunks
/// (UTF-8 sequences may straddle chunks). Not thread-safe.
/// </summary>
/// <remarks>
/// A token is a run of letters and digits (combining marks continue it), lower-cased invariantly:
/// "Don't stop" gives don, t, stop. Tokens longer than <see cref="TokenLengthMax"/> characters are
/// cut to that length.
/// </remarks>
internal sealed class WordCounter
{
    /// <summary>Longest token kept, in UTF-16 characters; longer runs are counted as their first characters.</summary>
    public const int TokenLengthMax = 256;

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _distinctMax;
    private readonly char[] _token = new char[TokenLengthMax + 2];
    private readonly byte[] _carry = new byte[4];
    private int _carryLength;
    private int _tokenLength;
    private bool _inWord;

    /// <summary>Creates a counter that refuses more than <paramref name="distinctMax"/> distinct tokens.</summary>
    public WordCounter(int distinctMax)
    {
        _distinctMax = distinctMax;
        _lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public long Bytes { get; private set; }

    public long Lines { get; private set; }

    public long Words { get; private set; }

    /// <summary>Token frequencies so far (complete after <see cref="Complete"/>).</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Feeds the next chunk.</summary>
    /// <exception cref="InvalidOperationException">More distinct tokens than the limit.</exception>
    public void Add(ReadOnlySpan<byte> data)
    {
        Bytes += data.Length;
        Lines += data.Count((byte)'\n');
        if (_carryLength > 0)
        {
            data = FinishCarry(data);
        }

        while (!data.IsEmpty)
        {
            var b = data[0];
            if (b < 0x80)
            {
                Accept(WordClassifier.OfAscii(b), new Rune(b));
                data = data[1..];
                continue;
            }

            var status = Rune.DecodeFromUtf8(data, out var rune, out var consumed);
            if (status == OperationStatus.NeedMoreData)
            {
                data.CopyTo(_carry);
                _carryLength = data.Length;
                return;
            }

            Accept(status == OperationStatus.Done ? WordClassifier.Of(rune) : WordClass.Neutral, rune);
            data = data[consumed..];
        }
    }

    /// <summary>Ends the input: an incomplete trailing UTF-8 sequence is ignored, the last word and token are counted.</summary>
    public void Complete()
    {
        _carryLength = 0;
        if (_inWord)
        {
            Words++;
            _inWord = false;
        }

        FlushToken();
    }

    private ReadOnlySpan<byte> FinishCarry(ReadOnlySpan<byte> data)
    {
        Span<byte> joined = stackalloc byte[8];
        _carry.AsSpan(0, _carryLength).CopyTo(joined);
        var take = Math.Min(4, data.Length);
        data[..take].CopyTo(joined[_carryLength..]);
        var status = Rune.DecodeFromUtf8(joined[..(_carryLength + take)], out var rune, out var consumed);
        if (status == OperationStatus.NeedMoreData)
        {
            data.CopyTo(_carry.AsSpan(_carryLength));
            _carryLength += data.Length;
            return [];
        }

        var fromData = consumed - _carryLength;
        _carryLength = 0;
        Accept(status == OperationStatus.Done ? WordClassifier.Of(rune) : WordClass.Neutral, rune);
        return data[Math.Max(0, fromData)..];
    }

    private void Accept(WordClass kind, Rune rune)
    {
        switch (kind)
        {
            case WordClass.Word:
                _inWord = true;
                break;
            case WordClass.Separator when _inWord:
                Words++;
                _inWord = false;
                break;
        }

        if (kind != WordClass.Word)
        {
            FlushToken();
            return;
        }

        var category = Rune.GetUnicodeCategory(rune);
        var letterOrDigit = Rune.IsLetterOrDigit(rune);
        var mark = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
        if (letterOrDigit || (mark && _tokenLength > 0))
        {
            if (_tokenLength < TokenLengthMax)
            {
                _tokenLength += Rune.ToLowerInvariant(rune).EncodeToUtf16(_token.AsSpan(_tokenLength));
            }
        }
        else
        {
            FlushToken();
        }
    }

    private void FlushToken()
    {
        if (_tokenLength == 0)
        {
            return;
        }

        var token = _token.AsSpan(0, _tokenLength);
        _tokenLength = 0;
        if (_lookup.TryGetValue(token, out var count))
        {
            _lookup[token] = count + 1;
            return;
        }

        if (_counts.Count >= _distinctMax)
        {
            throw new InvalidOperationException(
                $"word-count: more than {_distinctMax.ToString(CultureInfo.InvariantCulture)} distinct words; raise 'maxDistinctWords' (at most {WordCountFunction.DistinctWordsMax.ToString(CultureInfo.InvariantCulture)})");
        }

        _lookup[token] = 1;
    }
}
