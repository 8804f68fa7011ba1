namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Throttles the progress reports of one attempt: any number of <see cref="Offer"/>s (from the attempt's thread) become at
/// most one report per <see cref="Interval"/>, and the latest value is never lost (it goes out when the interval has
/// passed). The producer calls <see cref="Offer"/>; when it returns true the consumer (one, e.g. the executor actor)
/// calls <see cref="Flush"/>, which says to send a value now, to call it again after a delay, or that there is nothing
/// new. Thread-safe between one producer thread and one consumer; lock-free.
/// </summary>
public sealed class ProgressGate
{
    /// <summary>The default <see cref="Interval"/>: 250 ms, so at most 4 reports a second per attempt.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    private long _latestBits = BitConverter.DoubleToInt64Bits(double.NaN);
    private int _pending;
    private double _lastSent = double.NaN;
    private TimeSpan? _lastSentAt;

    /// <summary>Creates a gate.</summary>
    /// <param name="interval">The least time between two reports; positive. Default <see cref="DefaultInterval"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is zero or negative.</exception>
    public ProgressGate(TimeSpan? interval = null)
    {
        Interval = interval ?? DefaultInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Interval, TimeSpan.Zero, nameof(interval));
    }

    /// <summary>The least time between two reports.</summary>
    public TimeSpan Interval { get; }

    /// <summary>
    /// Records the latest fraction done (clamped to 0..1; NaN is ignored). Cheap: two atomic operations.
    /// </summary>
    /// <param name="fraction">The fraction done.</param>
    /// <returns>True when the consumer must be told to <see cref="Flush"/> (the first value since the last flush).</returns>
    public bool Offer(double fraction)
    {
        if (double.IsNaN(fraction))
        {
            return false;
        }

        Interlocked.Exchange(ref _latestBits, BitConverter.DoubleToInt64Bits(Math.Clamp(fraction, 0.0, 1.0)));
        return Interlocked.Exchange(ref _pending, 1) == 0;
    }

    /// <summary>Decides what to send now (consumer only).</summary>
    /// <param name="now">A monotonic time (e.g. the time since the attempt started).</param>
    /// <returns>
    /// <see cref="ProgressFlush.Send"/> set: report that value now; <see cref="ProgressFlush.Wait"/> set: call again after that
    /// delay (the value is kept); neither: nothing new to report.
    /// </returns>
    public ProgressFlush Flush(TimeSpan now)
    {
        if (_lastSentAt is { } last && now - last < Interval)
        {
            return new ProgressFlush(null, Interval - (now - last));
        }

        Interlocked.Exchange(ref _pending, 0);
        var value = BitConverter.Int64BitsToDouble(Interlocked.Read(ref _latestBits));
        if (double.IsNaN(value) || value.Equals(_lastSent))
        {
            return new ProgressFlush(null, null);
        }

        _lastSent = value;
        _lastSentAt = now;
        return new ProgressFlush(value, null);
    }
}
