namespace AkkaCompute.Hosting.Node;

/// <summary>
/// How much a process has allocated since the garbage collector last collected generation 0: the young garbage a collection
/// will have to go through next. <see cref="BurstEndCollector"/> pays it off when a node goes idle, so that the collection
/// does not fall later on a task someone is waiting for. Pure: the caller supplies the collector's counters
/// (<see cref="GC.CollectionCount(int)"/> of generation 0 and <see cref="GC.GetTotalAllocatedBytes(bool)"/>).
/// </summary>
/// <param name="thresholdBytes">The debt, in bytes, at which <see cref="Observe"/> says to collect; greater than 0.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="thresholdBytes"/> is not greater than 0.</exception>
public sealed class YoungGarbageDebt(long thresholdBytes)
{
    private readonly long _threshold = thresholdBytes > 0
        ? thresholdBytes
        : throw new ArgumentOutOfRangeException(nameof(thresholdBytes), thresholdBytes, "must be greater than 0");
    private int? _collections;
    private long _allocatedAtCollection;

    /// <summary>Bytes allocated since the last collection seen (0 before the first observation).</summary>
    public long Bytes { get; private set; }

    /// <summary>
    /// Records the counters; true when at least the threshold was allocated since the last generation-0 collection seen. A
    /// changed collection count (a collection happened since the last observation) starts the count again from
    /// <paramref name="allocatedBytes"/>, so the debt it reports is at most what was allocated since that observation.
    /// </summary>
    /// <param name="gen0Collections">Generation-0 collections so far (every collection counts as one of generation 0).</param>
    /// <param name="allocatedBytes">Bytes allocated by the process so far.</param>
    public bool Observe(int gen0Collections, long allocatedBytes)
    {
        if (_collections != gen0Collections)
        {
            Collected(gen0Collections, allocatedBytes);
            return false;
        }

        Bytes = allocatedBytes - _allocatedAtCollection;
        return Bytes >= _threshold;
    }

    /// <summary>Records a collection the caller made: the debt starts again from <paramref name="allocatedBytes"/>.</summary>
    /// <param name="gen0Collections">Generation-0 collections so far, that one included.</param>
    /// <param name="allocatedBytes">Bytes allocated by the process so far.</param>
    public void Collected(int gen0Collections, long allocatedBytes)
    {
        _collections = gen0Collections;
        _allocatedAtCollection = allocatedBytes;
        Bytes = 0;
    }
}
