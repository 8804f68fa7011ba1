using AkkaCompute.Persistence;

namespace AkkaCompute.Persistence.Tests.Actor;

/// <summary>
/// An in-memory journal that tests can steer: hold writes until released, fail writes, reject chosen payloads, fail or
/// hang replays. Counts calls so tests can wait for them.
/// </summary>
public sealed class TestJournal : IJournal
{
    private TaskCompletionSource _writeGate = Completed();
    private int _writeCalls;
    private int _replayCalls;

    public InMemoryJournal Inner { get; } = new();

    public volatile bool FailWrites;

    public volatile bool FailReplay;

    public Func<object, bool>? Reject { get; set; }

    /// <summary>When set, replays wait for it (never set it to test recovery timeouts).</summary>
    public TaskCompletionSource? ReplayGate { get; set; }

    public int WriteCalls => Volatile.Read(ref _writeCalls);

    public int ReplayCalls => Volatile.Read(ref _replayCalls);

    public void HoldWrites() => _writeGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseWrites() => _writeGate.TrySetResult();

    public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writeCalls);
        await _writeGate.Task.ConfigureAwait(false);
        if (FailWrites)
        {
            throw new IOException("disk on fire");
        }

        var results = new Exception?[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            results[i] = writes[i].Payload.Any(p => Reject?.Invoke(p.Payload) == true)
                ? new ArgumentException("rejected by test")
                : (await Inner.WriteMessagesAsync([writes[i]], cancellationToken).ConfigureAwait(false))[0];
        }

        return results;
    }

    public async Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentRepresentation> recoveryCallback, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _replayCalls);
        if (ReplayGate is { } gate)
        {
            await gate.Task.ConfigureAwait(false);
        }

        if (FailReplay)
        {
            throw new IOException("replay failed");
        }

        await Inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback, cancellationToken).ConfigureAwait(false);
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default) =>
        Inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        Inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public Task<IReadOnlyList<EventEnvelope>> ReadAllEventsAsync(long fromOrdering, int max, CancellationToken cancellationToken = default) =>
        Inner.ReadAllEventsAsync(fromOrdering, max, cancellationToken);

    public Task<IReadOnlyList<EventEnvelope>> ReadByTagAsync(string tag, long fromOrdering, int max, CancellationToken cancellationToken = default) =>
        Inner.ReadByTagAsync(tag, fromOrdering, max, cancellationToken);

    /// <summary>Writes <paramref name="events"/> for <paramref name="pid"/> from sequence number <paramref name="from"/>, as another writer would.</summary>
    public async Task Seed(string pid, long from, params object[] events)
    {
        var writes = events.Select((e, i) => new AtomicWrite(new PersistentRepresentation(pid, from + i, e))).ToList();
        foreach (var chunk in writes.Chunk(1000))
        {
            Assert.All(await Inner.WriteMessagesAsync(chunk), Assert.Null);
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}

/// <summary>An in-memory snapshot store whose saves can fail.</summary>
public sealed class TestSnapshotStore : ISnapshotStore
{
    private readonly InMemorySnapshotStore _inner = new();

    public volatile bool FailSaves;

    public Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default) =>
        FailSaves ? Task.FromException(new IOException("snapshot disk full")) : _inner.SaveAsync(metadata, snapshot, cancellationToken);

    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default) =>
        _inner.LoadAsync(persistenceId, criteria, cancellationToken);

    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default) => _inner.DeleteAsync(metadata, cancellationToken);

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default) =>
        _inner.DeleteAsync(persistenceId, criteria, cancellationToken);
}
