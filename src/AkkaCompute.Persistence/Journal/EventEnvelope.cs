namespace AkkaCompute.Persistence;

/// <summary>
/// An event read by a query across persistence ids (<see cref="IJournal.ReadAllEventsAsync"/>,
/// <see cref="IJournal.ReadByTagAsync"/>), as Akka.Persistence.Query's EventEnvelope.
/// </summary>
/// <param name="Ordering">The journal-wide position of the event: unique and strictly increasing in write order (the <c>ordering</c> column).</param>
/// <param name="PersistenceId">The persistent actor that wrote the event.</param>
/// <param name="SequenceNr">The event's sequence number within <paramref name="PersistenceId"/>.</param>
/// <param name="Event">The event (deserialized).</param>
/// <param name="Timestamp">When the event was persisted, in Unix milliseconds (UTC).</param>
/// <param name="Tags">The event's tags; empty when none.</param>
public sealed record EventEnvelope(long Ordering, string PersistenceId, long SequenceNr, object Event, long Timestamp, IReadOnlyList<string> Tags);
