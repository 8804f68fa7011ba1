namespace AkkaCompute.Compute.History;

/// <summary>
/// The latencies of the most recent journal writes (time from the write's call to its confirmation): a ring of the last
/// <see cref="Capacity"/> samples, with their mean and maximum, and the count of all writes. Not thread-safe (one actor owns it). Pure.
/// </summary>
public sealed class WriteLatencyWindow
{
    /// <summary>How many recent samples the mean and maximum are taken over: 256.</summary>
    public const int Capacity = 256;

    private readonly double[] _ms = new double[Capacity];

    /// <summary>Writes recorded since the start.</summary>
    public long Count { get; private set; }

    /// <summary>Mean latency of the recent writes in milliseconds; 0 before the first.</summary>
    public double MeanMs
    {
        get
        {
            var n = (int)Math.Min(Count, Capacity);
            return n == 0 ? 0 : _ms.AsSpan(0, n).ToArray().Average();
        }
    }

    /// <summary>Largest latency among the recent writes in milliseconds; 0 before the first.</summary>
    public double MaxMs
    {
        get
        {
            var n = (int)Math.Min(Count, Capacity);
            return n == 0 ? 0 : _ms.AsSpan(0, n).ToArray().Max();
        }
    }

    /// <summary>Records one write's latency (negative values count as 0).</summary>
    public void Add(TimeSpan latency)
    {
        _ms[Count % Capacity] = Math.Max(0, latency.TotalMilliseconds);
        Count++;
    }
}
