namespace AkkaCompute.Persistence;

/// <summary>
/// Selects snapshots by sequence number and timestamp (Akka's SnapshotSelectionCriteria). A snapshot matches when
/// <see cref="MinSequenceNr"/> &lt;= its sequence number &lt;= <see cref="MaxSequenceNr"/> and
/// <see cref="MinTimestamp"/> &lt;= its timestamp &lt;= <see cref="MaxTimestamp"/> (all bounds inclusive).
/// </summary>
public sealed record SnapshotSelectionCriteria
{
    /// <summary>Creates criteria; every bound is optional.</summary>
    /// <param name="maxSequenceNr">Upper bound of the sequence number. Default <see cref="long.MaxValue"/>.</param>
    /// <param name="maxTimestamp">Upper bound of the timestamp; null (default) means <see cref="DateTimeOffset.MaxValue"/>.</param>
    /// <param name="minSequenceNr">Lower bound of the sequence number. Default 0.</param>
    /// <param name="minTimestamp">Lower bound of the timestamp; null (default) means <see cref="DateTimeOffset.MinValue"/>.</param>
    public SnapshotSelectionCriteria(long maxSequenceNr = long.MaxValue, DateTimeOffset? maxTimestamp = null, long minSequenceNr = 0, DateTimeOffset? minTimestamp = null)
    {
        MaxSequenceNr = maxSequenceNr;
        MaxTimestamp = maxTimestamp ?? DateTimeOffset.MaxValue;
        MinSequenceNr = minSequenceNr;
        MinTimestamp = minTimestamp ?? DateTimeOffset.MinValue;
    }

    /// <summary>Matches every snapshot: load selects the newest.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new();

    /// <summary>Matches no snapshot (recovery starts from the first event).</summary>
    public static SnapshotSelectionCriteria None { get; } = new(0, DateTimeOffset.MinValue, 1);

    /// <summary>Upper bound of the sequence number (inclusive).</summary>
    public long MaxSequenceNr { get; init; }

    /// <summary>Upper bound of the timestamp (inclusive).</summary>
    public DateTimeOffset MaxTimestamp { get; init; }

    /// <summary>Lower bound of the sequence number (inclusive).</summary>
    public long MinSequenceNr { get; init; }

    /// <summary>Lower bound of the timestamp (inclusive).</summary>
    public DateTimeOffset MinTimestamp { get; init; }

    /// <summary>Whether the snapshot described by <paramref name="metadata"/> matches.</summary>
    public bool IsMatch(SnapshotMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.SequenceNr <= MaxSequenceNr
            && metadata.SequenceNr >= MinSequenceNr
            && metadata.Timestamp <= MaxTimestamp
            && metadata.Timestamp >= MinTimestamp;
    }
}
