namespace AkkaCompute.Persistence;

/// <summary>
/// A journal in memory, for tests and for systems that need no durability (the default of
/// <see cref="Persistence"/>). Payloads are kept as objects (not serialized), so <see cref="PersistentRepresentation.Manifest"/>
/// is replayed as written. Deleted events stay in memory but are hidden from replay and queries.
/// Every method completes synchronously; callbacks run on the caller's thread, outside the journal's lock.
/// </summary>
public sealed class InMemoryJournal : IJournal
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PersistenceIdLog> _logs = new(StringComparer.Ordinal);
    private readonly List<Stored> _all = [];
    private readonly Dictionary<string, List<Stored>> _byTag = new(StringComparer.Ordinal);
    private long _ordering;

    /// <inheritdoc />
    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var results = new Exception?[writes.Count];
        lock (_gate)
        {
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                var log = LogOf(write.PersistenceId, create: true)!;
                var duplicate = write.Payload.FirstOrDefault(p => log.Events.ContainsKey(p.SequenceNr));
                if (duplicate is not null)
                {
                    results[i] = new DuplicateSequenceNrException(write.PersistenceId, duplicate.SequenceNr);
                    continue;
                }

                foreach (var p in write.Payload)
                {
                    var stored = new Stored(++_ordering, p);
                    log.Events.Add(p.SequenceNr, stored);
                    log.Highest = Math.Max(log.Highest, p.SequenceNr);
                    _all.Add(stored);
                    foreach (var tag in p.Tags.Distinct(StringComparer.Ordinal))
                    {
                        if (!_byTag.TryGetValue(tag, out var list))
                        {
                            _byTag[tag] = list = [];
                        }

                        list.Add(stored);
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<Exception?>>(results);
    }

    /// <inheritdoc />
    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentRepresentation> recoveryCallback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var selected = new List<PersistentRepresentation>();
        lock (_gate)
        {
            if (LogOf(persistenceId, create: false) is { } log)
            {
                var from = Math.Max(fromSequenceNr, log.DeletedTo + 1);
                var keys = log.Events.Keys;
                for (var i = LowerBound(keys, from); i < keys.Count && selected.Count < max && keys[i] <= toSequenceNr; i++)
                {
                    selected.Add(log.Events.GetValueAtIndex(i).Event);
                }
            }
        }

        try
        {
            foreach (var p in selected)
            {
                cancellationToken.ThrowIfCancellationRequested();
                recoveryCallback(p);
            }
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(LogOf(persistenceId, create: false)?.Highest ?? 0);
        }
    }

    /// <inheritdoc />
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (LogOf(persistenceId, create: false) is { } log)
            {
                log.DeletedTo = Math.Max(log.DeletedTo, Math.Min(toSequenceNr, log.Highest));
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadAllEventsAsync(long fromOrdering, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        lock (_gate)
        {
            return Task.FromResult(Select(_all, fromOrdering, max));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadByTagAsync(string tag, long fromOrdering, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        lock (_gate)
        {
            return Task.FromResult(_byTag.TryGetValue(tag, out var list) ? Select(list, fromOrdering, max) : []);
        }
    }

    private IReadOnlyList<EventEnvelope> Select(List<Stored> byOrdering, long fromOrdering, int max)
    {
        var result = new List<EventEnvelope>();
        var lo = 0;
        var hi = byOrdering.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (byOrdering[mid].Ordering < fromOrdering)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < byOrdering.Count && result.Count < max; i++)
        {
            var s = byOrdering[i];
            var p = s.Event;
            if (p.SequenceNr > _logs[p.PersistenceId].DeletedTo)
            {
                result.Add(new EventEnvelope(s.Ordering, p.PersistenceId, p.SequenceNr, p.Payload, p.Timestamp, p.Tags));
            }
        }

        return result;
    }

    private PersistenceIdLog? LogOf(string persistenceId, bool create)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        if (!_logs.TryGetValue(persistenceId, out var log) && create)
        {
            _logs[persistenceId] = log = new PersistenceIdLog();
        }

        return log;
    }

    private static int LowerBound(IList<long> keys, long value)
    {
        var lo = 0;
        var hi = keys.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (keys[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private sealed record Stored(long Ordering, PersistentRepresentation Event);

    private sealed class PersistenceIdLog
    {
        public SortedList<long, Stored> Events { get; } = [];

        public long Highest { get; set; }

        public long DeletedTo { get; set; }
    }
}
