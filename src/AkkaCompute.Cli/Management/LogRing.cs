namespace AkkaCompute.Cli.Management;

/// <summary>
/// A bounded ring of the node's most recent log lines, for <c>akc log peek</c>: it keeps the last <see cref="Capacity"/> lines and
/// drops the oldest beyond that (counted in <see cref="Dropped"/>); a line longer than <see cref="MaxLineChars"/> is cut there.
/// Thread-safe (one lock; adds are O(1), <see cref="Last"/> is O(n)).
/// </summary>
internal sealed class LogRing
{
    /// <summary>Longest kept line: 4,096 characters; longer lines end in "...".</summary>
    public const int MaxLineChars = 4096;

    private readonly string[] _lines;
    private readonly Lock _gate = new();
    private long _added;

    /// <summary>A ring of <paramref name="capacity"/> lines.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public LogRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _lines = new string[capacity];
    }

    /// <summary>How many lines the ring keeps.</summary>
    public int Capacity => _lines.Length;

    /// <summary>Lines added since the start.</summary>
    public long Added
    {
        get
        {
            lock (_gate)
            {
                return _added;
            }
        }
    }

    /// <summary>Lines dropped because the ring was full.</summary>
    public long Dropped => Math.Max(0, Added - Capacity);

    /// <summary>Adds a line (cut at <see cref="MaxLineChars"/>), dropping the oldest when full.</summary>
    public void Add(string line)
    {
        var kept = line.Length <= MaxLineChars ? line : string.Concat(line.AsSpan(0, MaxLineChars - 3), "...");
        lock (_gate)
        {
            _lines[_added % _lines.Length] = kept;
            _added++;
        }
    }

    /// <summary>The last <paramref name="n"/> lines (fewer when the ring holds fewer), oldest first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public IReadOnlyList<string> Last(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        lock (_gate)
        {
            var count = (int)Math.Min(Math.Min(n, _lines.Length), _added);
            var result = new string[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = _lines[(_added - count + i) % _lines.Length];
            }

            return result;
        }
    }
}
