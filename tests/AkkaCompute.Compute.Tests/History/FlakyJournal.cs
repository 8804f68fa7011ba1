using AkkaCompute.Persistence;

namespace AkkaCompute.Compute.Tests.History;

/// <summary>
/// An in-memory journal whose writes fail (as a full disk makes them fail) while <paramref name="fails"/> says so for a
/// batch of writes; everything else goes to an <see cref="InMemoryJournal"/>.
/// </summary>
/// <param name="fails">Decides, per write call, whether it fails.</param>
public sealed class FlakyJournal(Func<IReadOnlyList<AtomicWrite>, bool> fails) : IJournal
{
    /// <summary>The message of the failure.</summary>
    public const string Failure = "database or disk is full (test)";

    private readonly InMemoryJournal _inner = new();
    private int _failed;

    /// <summary>Write calls that failed so far.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <inheritdoc />
    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        if (fails(writes))
        {
            Interlocked.Increment(ref _failed);
            throw new IOException(Failure);
        }

        return _inner.WriteMessagesAsync(writes, cancellationToken);
    }

    /// <inheritdoc />
    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentRepresentation> recoveryCallback, CancellationToken cancellationToken = default) =>
        _inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback, cancellationToken);

    /// <inheritdoc />
    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default) =>
        _inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    /// <inheritdoc />
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        _inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadAllEventsAsync(long fromOrdering, int max, CancellationToken cancellationToken = default) =>
        _inner.ReadAllEventsAsync(fromOrdering, max, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadByTagAsync(string tag, long fromOrdering, int max, CancellationToken cancellationToken = default) =>
        _inner.ReadByTagAsync(tag, fromOrdering, max, cancellationToken);
}
