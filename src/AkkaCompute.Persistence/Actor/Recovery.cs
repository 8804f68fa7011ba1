namespace AkkaCompute.Persistence;

/// <summary>
/// How a persistent actor recovers (Akka's Recovery): which snapshot to start from and how many events to replay after
/// it. Override <see cref="PersistentActor.Recovery"/> to change it. Whatever is replayed, new events continue after the
/// highest sequence number in the journal.
/// </summary>
/// <param name="FromSnapshot">Which snapshot to offer; null means <see cref="SnapshotSelectionCriteria.Latest"/>.</param>
/// <param name="ToSequenceNr">The last sequence number to replay (inclusive). Default <see cref="long.MaxValue"/>.</param>
/// <param name="ReplayMax">The most events to replay. Default <see cref="long.MaxValue"/>.</param>
public sealed record Recovery(SnapshotSelectionCriteria? FromSnapshot = null, long ToSequenceNr = long.MaxValue, long ReplayMax = long.MaxValue)
{
    /// <summary>The newest snapshot, then every event after it.</summary>
    public static Recovery Default { get; } = new();

    /// <summary>No snapshot and no events: the actor starts empty but continues the journal's sequence numbers.</summary>
    public static Recovery None { get; } = new(SnapshotSelectionCriteria.None, 0, 0);

    /// <summary>The snapshot criteria in effect.</summary>
    public SnapshotSelectionCriteria Snapshot => FromSnapshot ?? SnapshotSelectionCriteria.Latest;
}
