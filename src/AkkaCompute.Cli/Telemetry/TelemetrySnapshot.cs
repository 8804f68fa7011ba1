namespace AkkaCompute.Cli.Telemetry;

/// <summary>The node's gauges and cumulative cluster counters at one moment, read by <see cref="TaskTelemetry"/>'s observable instruments.</summary>
/// <param name="Queued">Tasks in the scheduler's queue.</param>
/// <param name="Running">Tasks running now.</param>
/// <param name="HandedOff">Tasks re-placed because their owner was removed, since the node started.</param>
/// <param name="Stolen">Queued tasks given to idle members, since the node started.</param>
/// <param name="JournalWriteLatencyMs">Mean latency of the history journal's recent writes, milliseconds.</param>
internal sealed record TelemetrySnapshot(int Queued, int Running, long HandedOff, long Stolen, double JournalWriteLatencyMs = 0)
{
    /// <summary>All zero: before the first query answered.</summary>
    public static TelemetrySnapshot Empty { get; } = new(0, 0, 0, 0);
}
