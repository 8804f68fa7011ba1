namespace AkkaCompute.Persistence;

/// <summary>A snapshot returned by <see cref="ISnapshotStore.LoadAsync"/> (Akka's SelectedSnapshot).</summary>
/// <param name="Metadata">Which snapshot it is.</param>
/// <param name="Snapshot">The snapshot state (deserialized).</param>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, object Snapshot);
