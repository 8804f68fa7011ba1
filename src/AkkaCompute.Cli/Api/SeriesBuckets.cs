using AkkaCompute.Cli.Api.Dtos;

namespace AkkaCompute.Cli.Api;

/// <summary>
/// Finished tasks counted in 5-second buckets over the last 10 minutes (120 buckets, a ring): count, failures, latency sum and
/// maximum. Not thread-safe (the <see cref="TaskBoard"/> holds its lock).
/// </summary>
internal sealed class SeriesBuckets
{
    /// <summary>One bucket's width: 5 s.</summary>
    public static readonly TimeSpan Width = TimeSpan.FromSeconds(5);

    /// <summary>How many buckets are kept: 120 (10 minutes).</summary>
    public const int Count = 120;

    private readonly long[] _index = new long[Count];
    private readonly int[] _finished = new int[Count];
    private readonly int[] _failed = new int[Count];
    private readonly double[] _latencySum = new double[Count];
    private readonly double[] _latencyMax = new double[Count];

    /// <summary>Counts one finished task at <paramref name="at"/>; a time older than the 10 minutes the ring holds is not counted.</summary>
    /// <param name="at">When it finished.</param>
    /// <param name="succeeded">False for Failed, Cancelled and TimedOut.</param>
    /// <param name="latencyMs">Its latency in milliseconds (0 or more).</param>
    public void Add(DateTimeOffset at, bool succeeded, double latencyMs)
    {
        var i = IndexOf(at);
        var slot = (int)(i % Count);
        if (_index[slot] > i)
        {
            return; // older than the window the ring holds now
        }

        if (_index[slot] != i)
        {
            _index[slot] = i;
            _finished[slot] = 0;
            _failed[slot] = 0;
            _latencySum[slot] = 0;
            _latencyMax[slot] = 0;
        }

        _finished[slot]++;
        if (!succeeded) _failed[slot]++;
        _latencySum[slot] += latencyMs;
        _latencyMax[slot] = Math.Max(_latencyMax[slot], latencyMs);
    }

    /// <summary>The last <see cref="Count"/> buckets up to the one holding <paramref name="now"/>, oldest first, empty ones included.</summary>
    public IReadOnlyList<SeriesPointDto> Points(DateTimeOffset now)
    {
        var last = IndexOf(now);
        var points = new SeriesPointDto[Count];
        for (var k = 0; k < Count; k++)
        {
            var i = last - Count + 1 + k;
            var slot = (int)(((i % Count) + Count) % Count);
            var at = DateTimeOffset.FromUnixTimeMilliseconds(i * (long)Width.TotalMilliseconds);
            points[k] = _index[slot] == i && _finished[slot] > 0
                ? new SeriesPointDto(at, _finished[slot], _failed[slot], _latencySum[slot] / _finished[slot], _latencyMax[slot])
                : new SeriesPointDto(at, 0, 0, 0, 0);
        }

        return points;
    }

    /// <summary>Tasks finished per second over the minute up to <paramref name="now"/>.</summary>
    public double PerSecondLastMinute(DateTimeOffset now)
    {
        var points = Points(now);
        var perMinute = points.Skip(Count - 12).Sum(p => p.Finished);
        return perMinute / 60.0;
    }

    private static long IndexOf(DateTimeOffset at) => Math.Max(1, at.ToUnixTimeMilliseconds() / (long)Width.TotalMilliseconds);
}
