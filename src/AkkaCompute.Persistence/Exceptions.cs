using AkkaCompute.Actors;

namespace AkkaCompute.Persistence;

/// <summary>
/// A payload could not be serialized or deserialized. On replay the message names the persistence id,
/// the sequence number and the manifest of the event, e.g.
/// <c>cannot deserialize event 7 of 'task-42' (manifest 'Old.Name, Asm'): unknown manifest</c>.
/// </summary>
public sealed class PersistenceSerializationException : AkkaException
{
    /// <summary>Creates the exception for a payload whose origin is unknown to the serializer.</summary>
    /// <param name="manifest">The manifest involved, if any.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="cause">The underlying exception, if any.</param>
    public PersistenceSerializationException(string? manifest, string message, Exception? cause = null)
        : base(message, cause)
    {
        Manifest = manifest;
    }

    /// <summary>Creates the exception for a stored event or snapshot.</summary>
    /// <param name="persistenceId">The persistence id of the event or snapshot.</param>
    /// <param name="sequenceNr">Its sequence number.</param>
    /// <param name="manifest">The manifest it was stored with.</param>
    /// <param name="what">What was read, e.g. <c>event</c> or <c>snapshot</c>.</param>
    /// <param name="cause">The serializer's exception.</param>
    public PersistenceSerializationException(string persistenceId, long sequenceNr, string manifest, string what, Exception cause)
        : base($"cannot deserialize {what} {sequenceNr} of '{persistenceId}' (manifest '{manifest}'): {cause.Message}", cause)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        Manifest = manifest;
    }

    /// <summary>The persistence id of the stored item, when known.</summary>
    public string? PersistenceId { get; }

    /// <summary>The sequence number of the stored item, when known (0 otherwise).</summary>
    public long SequenceNr { get; }

    /// <summary>The manifest involved, when known.</summary>
    public string? Manifest { get; }
}

/// <summary>
/// Rejects an atomic write because its persistence id already holds one of its sequence numbers
/// (two writers for one persistence id). A persistent actor treats it as a write failure and stops.
/// </summary>
public sealed class DuplicateSequenceNrException : AkkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="persistenceId">The persistence id.</param>
    /// <param name="sequenceNr">The sequence number that is already stored.</param>
    /// <param name="cause">The store's own error, if any.</param>
    public DuplicateSequenceNrException(string persistenceId, long sequenceNr, Exception? cause = null)
        : base($"persistence id '{persistenceId}' already has an event with sequence number {sequenceNr}; the atomic write was not stored (is a second writer using this persistence id?)", cause)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
    }

    /// <summary>The persistence id.</summary>
    public string PersistenceId { get; }

    /// <summary>The duplicated sequence number.</summary>
    public long SequenceNr { get; }
}

/// <summary>
/// Recovery of a persistent actor made no progress (no snapshot, no batch of events) within
/// <see cref="PersistenceSettings.RecoveryEventTimeout"/>; the actor stops.
/// </summary>
public sealed class RecoveryTimedOutException : AkkaException
{
    /// <summary>Creates the exception.</summary>
    public RecoveryTimedOutException(string message) : base(message) { }
}
