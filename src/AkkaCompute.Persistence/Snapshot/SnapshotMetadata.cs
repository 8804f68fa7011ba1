namespace AkkaCompute.Persistence;

/// <summary>Identifies a snapshot (Akka's SnapshotMetadata).</summary>
/// <param name="PersistenceId">The persistent actor's id; non-empty.</param>
/// <param name="SequenceNr">The sequence number of the last event the snapshot includes; 0 or more.</param>
/// <param name="Timestamp">When the snapshot was taken (UTC). SQL stores keep millisecond precision.</param>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp);
