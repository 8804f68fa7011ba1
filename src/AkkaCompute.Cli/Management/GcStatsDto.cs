namespace AkkaCompute.Cli.Management;

/// <summary>
/// The node process's garbage collections since it started (<c>akc node stats</c>, <see cref="NodeStatsDto.Gc"/>): a
/// collection suspends every thread, so its pauses show in the tail of task latency.
/// </summary>
/// <param name="Gen0">Collections of generation 0 or higher (<c>GC.CollectionCount(0)</c>).</param>
/// <param name="Gen1">Collections of generation 1 or higher.</param>
/// <param name="Gen2">Full collections (generation 2).</param>
/// <param name="PauseMs">Total time threads were paused by collections, in milliseconds (<c>GC.GetTotalPauseDuration</c>).</param>
/// <param name="LastPauseMs">The pause of the last collection, in milliseconds; 0 before the first.</param>
/// <param name="HeapBytes">Bytes of managed heap in use after the last collection.</param>
internal sealed record GcStatsDto(int Gen0, int Gen1, int Gen2, double PauseMs, double LastPauseMs, long HeapBytes)
{
    /// <summary>Bytes the last collection promoted (survivors copied or kept); 0 before the first. A collection's pause grows with them.</summary>
    public long LastPromotedBytes { get; init; }

    /// <summary>Pinned objects the last collection found; 0 before the first.</summary>
    public long LastPinnedObjects { get; init; }

    /// <summary>Generation 0's size when the last collection began (its allocation budget), in bytes; 0 before the first.</summary>
    public long LastGen0Bytes { get; init; }

    /// <summary>This process's figures now.</summary>
    public static GcStatsDto Now()
    {
        var last = GC.GetGCMemoryInfo(GCKind.Any);
        var lastPause = last.Index == 0 ? TimeSpan.Zero : last.PauseDurations.ToArray().Aggregate(TimeSpan.Zero, (a, b) => a + b);
        return new GcStatsDto(
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            Math.Round(GC.GetTotalPauseDuration().TotalMilliseconds, 3), Math.Round(lastPause.TotalMilliseconds, 3), last.HeapSizeBytes)
        {
            LastPromotedBytes = last.Index == 0 ? 0 : last.PromotedBytes,
            LastPinnedObjects = last.Index == 0 ? 0 : last.PinnedObjectsCount,
            LastGen0Bytes = last.Index == 0 ? 0 : last.GenerationInfo[0].SizeBeforeBytes,
        };
    }

    /// <summary>One line: <c>12 collections (3 gen1, 1 gen2), 84.2 ms paused in all, last 3.1 ms; heap 45.3 MiB</c>.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Gen0} collections ({Gen1} gen1, {Gen2} gen2), {PauseMs:0.0} ms paused in all, last {LastPauseMs:0.0} ms; heap {HeapBytes / 1048576.0:0.0} MiB");
}
