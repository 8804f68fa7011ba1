namespace AkkaCompute.Persistence;

/// <summary>
/// One event as stored in a journal (Akka's IPersistentRepresentation).
/// </summary>
/// <param name="PersistenceId">The id of the persistent actor that wrote the event; non-empty.</param>
/// <param name="SequenceNr">The event's sequence number within <paramref name="PersistenceId"/>; 1 or more.</param>
/// <param name="Payload">The event itself (deserialized on replay).</param>
/// <param name="Manifest">
/// The serializer manifest the payload was stored with. Ignored on write (the store's serializer computes it);
/// filled on replay by stores that serialize (empty for the in-memory journal).
/// </param>
/// <param name="WriterUuid">Identifies the actor incarnation that wrote the event (Akka's writer uuid); may be empty.</param>
/// <param name="Timestamp">When the event was persisted, in Unix milliseconds (UTC). Stored as given; 0 when unknown.</param>
/// <param name="Tags">Tags for <see cref="IJournal.ReadByTagAsync"/>; null means none.</param>
public sealed record PersistentRepresentation(
    string PersistenceId,
    long SequenceNr,
    object Payload,
    string Manifest = "",
    string WriterUuid = "",
    long Timestamp = 0,
    IReadOnlyList<string>? Tags = null)
{
    /// <summary>Tags for <see cref="IJournal.ReadByTagAsync"/>; empty (never null) when there are none.</summary>
    public IReadOnlyList<string> Tags { get; init; } = Tags ?? [];
}
