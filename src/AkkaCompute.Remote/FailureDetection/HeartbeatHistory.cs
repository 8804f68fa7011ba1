namespace AkkaCompute.Remote.FailureDetection;

/// <summary>
/// The most recent heartbeat inter-arrival intervals, in milliseconds, in a fixed-capacity ring buffer with a running sum
/// and sum of squares, so that <see cref="Mean"/> and <see cref="StdDeviation"/> cost O(1). When full, each
/// <see cref="Add"/> drops the oldest interval. The sums are exact integers (the sum of squares is an <see cref="Int128"/>),
/// so dropping old samples never accumulates rounding error. Not thread-safe: <see cref="PhiAccrualFailureDetector"/>
/// guards it with a lock.
/// </summary>
internal sealed class HeartbeatHistory
{
    /// <summary>The longest interval recorded, 2^40 ms (about 35 years); longer ones are recorded as this, so the sums cannot overflow.</summary>
    public const long MaxIntervalMs = 1L << 40;

    private readonly long[] _intervalsMs;
    private int _next;
    private long _sumMs;
    private Int128 _sumOfSquares;

    /// <summary>Creates an empty history holding at most <paramref name="capacity"/> intervals.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public HeartbeatHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _intervalsMs = new long[capacity];
    }

    /// <summary>The most intervals kept.</summary>
    public int Capacity => _intervalsMs.Length;

    /// <summary>The number of intervals kept, at most <see cref="Capacity"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The mean interval in milliseconds; <see cref="double.NaN"/> when empty.</summary>
    public double Mean => Count == 0 ? double.NaN : (double)_sumMs / Count;

    /// <summary>The population variance in ms²; never negative; <see cref="double.NaN"/> when empty.</summary>
    public double Variance
    {
        get
        {
            if (Count == 0)
            {
                return double.NaN;
            }

            var mean = Mean;
            return Math.Max(0.0, ((double)_sumOfSquares / Count) - (mean * mean));
        }
    }

    /// <summary>The population standard deviation in milliseconds; <see cref="double.NaN"/> when empty.</summary>
    public double StdDeviation => Math.Sqrt(Variance);

    /// <summary>Appends an interval, dropping the oldest one when the history is full.</summary>
    /// <param name="intervalMs">Milliseconds between two heartbeats; a negative value is recorded as 0, one above <see cref="MaxIntervalMs"/> as that.</param>
    public void Add(long intervalMs)
    {
        intervalMs = Math.Clamp(intervalMs, 0, MaxIntervalMs);
        if (Count == Capacity)
        {
            var oldest = _intervalsMs[_next];
            _sumMs -= oldest;
            _sumOfSquares -= (Int128)oldest * oldest;
        }
        else
        {
            Count++;
        }

        _intervalsMs[_next] = intervalMs;
        _sumMs += intervalMs;
        _sumOfSquares += (Int128)intervalMs * intervalMs;
        _next = (_next + 1) % Capacity;
    }

    /// <summary>The kept intervals, oldest first (a copy; for tests and diagnostics).</summary>
    public long[] ToArray()
    {
        var result = new long[Count];
        var start = Count == Capacity ? _next : 0;
        for (var i = 0; i < Count; i++)
        {
            result[i] = _intervalsMs[(start + i) % Capacity];
        }

        return result;
    }
}
