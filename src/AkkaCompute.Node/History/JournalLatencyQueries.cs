namespace AkkaCompute.Node.History;

/// <summary>Asks the <see cref="HistoryActor"/> for its recent journal write latency; the answer is a <see cref="JournalLatency"/>. Local only.</summary>
public sealed record GetJournalLatency
{
    /// <summary>The one instance.</summary>
    public static readonly GetJournalLatency Instance = new();
}

/// <summary>The history journal's write latency (from the write's call to its confirmation) over the last 256 writes.</summary>
/// <param name="Writes">Writes (journal rows) confirmed since the actor started.</param>
/// <param name="MeanMs">Mean latency of the recent writes, milliseconds; 0 before the first.</param>
/// <param name="MaxMs">Largest latency among them, milliseconds; 0 before the first.</param>
public sealed record JournalLatency(long Writes, double MeanMs, double MaxMs);
