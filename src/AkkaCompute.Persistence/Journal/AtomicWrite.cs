namespace AkkaCompute.Persistence;

/// <summary>
/// A group of events of one persistence id that a journal writes all or nothing (Akka's AtomicWrite).
/// One <c>Persist</c> or <c>PersistAll</c> call of a persistent actor becomes one atomic write.
/// </summary>
public sealed class AtomicWrite
{
    /// <summary>Creates an atomic write of one event.</summary>
    /// <exception cref="ArgumentException">The event's persistence id is empty or its sequence number is below 1.</exception>
    public AtomicWrite(PersistentRepresentation single)
        : this([single ?? throw new ArgumentNullException(nameof(single))])
    {
    }

    /// <summary>Creates an atomic write of <paramref name="payload"/>.</summary>
    /// <param name="payload">
    /// One or more events, all of the same non-empty persistence id, with sequence numbers of 1 or more in
    /// strictly increasing order (gaps are allowed).
    /// </param>
    /// <exception cref="ArgumentException">The list is empty, mixes persistence ids, or its sequence numbers are not strictly increasing from 1 or more.</exception>
    public AtomicWrite(IReadOnlyList<PersistentRepresentation> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Count == 0)
        {
            throw new ArgumentException("an atomic write needs at least one event", nameof(payload));
        }

        var first = payload[0] ?? throw new ArgumentException("an atomic write cannot hold a null event", nameof(payload));
        if (string.IsNullOrEmpty(first.PersistenceId))
        {
            throw new ArgumentException("an event's persistence id must not be empty", nameof(payload));
        }

        var previous = 0L;
        foreach (var p in payload)
        {
            if (p is null)
            {
                throw new ArgumentException("an atomic write cannot hold a null event", nameof(payload));
            }

            if (!string.Equals(p.PersistenceId, first.PersistenceId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"an atomic write holds events of one persistence id, but got '{first.PersistenceId}' and '{p.PersistenceId}'", nameof(payload));
            }

            if (p.SequenceNr <= previous)
            {
                throw new ArgumentException($"sequence numbers of an atomic write must be 1 or more and strictly increasing, but {p.SequenceNr} follows {previous} (persistence id '{first.PersistenceId}')", nameof(payload));
            }

            previous = p.SequenceNr;
        }

        Payload = payload;
    }

    /// <summary>The events, in sequence-number order.</summary>
    public IReadOnlyList<PersistentRepresentation> Payload { get; }

    /// <summary>The persistence id shared by every event.</summary>
    public string PersistenceId => Payload[0].PersistenceId;

    /// <summary>The sequence number of the first event.</summary>
    public long LowestSequenceNr => Payload[0].SequenceNr;

    /// <summary>The sequence number of the last event.</summary>
    public long HighestSequenceNr => Payload[^1].SequenceNr;

    /// <summary>The number of events.</summary>
    public int Size => Payload.Count;

    /// <inheritdoc />
    public override string ToString() => $"AtomicWrite({PersistenceId}, {LowestSequenceNr}..{HighestSequenceNr})";
}
