using AkkaCompute.Actors;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Persistence;

public abstract partial class PersistentActor
{
    private readonly InvocationQueue _pendingInvocations = new();
    private readonly List<JournalEntry> _eventBatch = [];
    private readonly List<JournalEntry> _journalBatch = [];
    private long _sequenceNr;
    private int _pendingStashingPersistInvocations;
    private bool _writeInProgress;

    /// <summary>
    /// Persists <paramref name="event"/> and then calls <paramref name="handler"/> with it, on the actor's turn, with the
    /// Sender of the current command. Until the handler has run, new commands are held (not processed), so state and
    /// journal never disagree. Wrap the event in <see cref="Tagged"/> to tag it. Written in one atomic write.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called during recovery, or after the actor failed.</exception>
    /// <exception cref="ArgumentNullException">The event or handler is null.</exception>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler) =>
        AddWrite([@event!], Wrap(handler), stashing: true);

    /// <summary>
    /// Persists <paramref name="events"/> in one atomic write (all or none) and calls <paramref name="handler"/> for each,
    /// in order; commands are held until the last handler has run. An empty list does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called during recovery, or after the actor failed.</exception>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) =>
        AddWrite(Materialize(events), Wrap(handler), stashing: true);

    /// <summary>
    /// Persists <paramref name="event"/> without holding commands: new commands are processed while the write is in flight,
    /// and <paramref name="handler"/> runs later, in the order of the Persist calls.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called during recovery, or after the actor failed.</exception>
    protected void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler) =>
        AddWrite([@event!], Wrap(handler), stashing: false);

    /// <summary>As <see cref="PersistAll{TEvent}"/>, without holding commands.</summary>
    /// <exception cref="InvalidOperationException">Called during recovery, or after the actor failed.</exception>
    protected void PersistAllAsync<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) =>
        AddWrite(Materialize(events), Wrap(handler), stashing: false);

    /// <summary>
    /// Calls <paramref name="handler"/> with <paramref name="event"/> (which is not persisted) after the handlers of every
    /// Persist and PersistAsync call made before it; at once when none is pending. Commands are not held.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called during recovery, or after the actor failed.</exception>
    protected void DeferAsync<TEvent>(TEvent @event, Action<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(handler);
        EnsureCanPersist();
        if (_pendingInvocations.Count == 0)
        {
            handler(@event);
            return;
        }

        _pendingInvocations.Enqueue(new PendingInvocation(@event, Wrap(handler), Stashing: false));
        _eventBatch.Add(new JournalEntry(null, Sender));
    }

    private static Action<object> Wrap<TEvent>(Action<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return e => handler((TEvent)e);
    }

    private static object[] Materialize<TEvent>(IEnumerable<TEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Select(e => (object?)e ?? throw new ArgumentNullException(nameof(events), "an event must not be null")).ToArray();
    }

    private void EnsureCanPersist()
    {
        if (_phase != Phase.Processing)
        {
            throw new InvalidOperationException(IsRecovering
                ? $"{GetType().Name} ('{_persistenceId}') cannot persist during recovery; persist from RecoveryCompleted on"
                : $"{GetType().Name} ('{_persistenceId}') cannot persist after a persistence failure");
        }
    }

    private void AddWrite(object[] events, Action<object> handler, bool stashing)
    {
        EnsureCanPersist();
        if (events.Length == 0)
        {
            return;
        }

        var now = Now();
        var representations = new PersistentRepresentation[events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i] ?? throw new ArgumentNullException(nameof(events), "an event must not be null");
            representations[i] = e is Tagged tagged
                ? new PersistentRepresentation(_persistenceId, _sequenceNr + i + 1, tagged.Payload, string.Empty, _writerUuid, now, tagged.Tags)
                : new PersistentRepresentation(_persistenceId, _sequenceNr + i + 1, e, string.Empty, _writerUuid, now);
        }

        var write = new AtomicWrite(representations);
        _sequenceNr += events.Length;
        foreach (var e in events)
        {
            _pendingInvocations.Enqueue(new PendingInvocation(e, handler, stashing));
        }

        if (stashing)
        {
            _pendingStashingPersistInvocations += events.Length;
        }

        _eventBatch.Add(new JournalEntry(write, Sender));
    }

    /// <summary>Moves this turn's writes to the journal batch and, when no write is in flight, sends the next batch.</summary>
    private void FlushBatch()
    {
        if (_eventBatch.Count > 0)
        {
            _journalBatch.AddRange(_eventBatch);
            _eventBatch.Clear();
        }

        if (_writeInProgress || _journalBatch.Count == 0 || _phase != Phase.Processing)
        {
            return;
        }

        var count = Math.Min(_journalBatch.Count, _settings.MaxMessageBatchSize);
        var entries = _journalBatch.GetRange(0, count);
        _journalBatch.RemoveRange(0, count);
        _writeInProgress = true;
        SendBatch(entries);
    }

    /// <summary>
    /// Sends one batch to the journal; its outcome comes back as messages. Apart from <see cref="FlushBatch"/> so that the
    /// closure of the journal's continuation is allocated only when there is something to write.
    /// </summary>
    private void SendBatch(List<JournalEntry> entries)
    {
        var writes = new List<AtomicWrite>(entries.Count);
        foreach (var e in entries)
        {
            if (e.Write is not null)
            {
                writes.Add(e.Write);
            }
        }

        var (self, id, journal) = (Self, _instanceId, _journal);
        if (writes.Count == 0)
        {
            Reply(self, id, entries, null, null);
            return;
        }

        Task<IReadOnlyList<Exception?>> task;
        try
        {
            task = journal.WriteMessagesAsync(writes);
        }
        catch (Exception e)
        {
            task = Task.FromException<IReadOnlyList<Exception?>>(e);
        }

        task.ContinueWith(
            t => t.IsCompletedSuccessfully
                ? Reply(self, id, entries, t.Result.Count == writes.Count ? t.Result : null, t.Result.Count == writes.Count ? null : new InvalidOperationException($"the journal returned {t.Result.Count} results for {writes.Count} atomic writes"))
                : Reply(self, id, entries, null, TaskPiping.Unwrap(t)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Tells the actor the outcome of each entry, with the entry's sender, then that the batch is done. Runs off the actor's turn.</summary>
    private static bool Reply(IActorRef self, long id, List<JournalEntry> entries, IReadOnlyList<Exception?>? results, Exception? failure)
    {
        var i = 0;
        foreach (var entry in entries)
        {
            PersistenceProtocol message;
            if (entry.Write is null)
            {
                message = new DeferredReached(id);
            }
            else
            {
                var rejection = failure is null && results is not null ? results[i] : null;
                i++;
                message = failure is not null ? new WriteFailed(id, entry, failure)
                    : rejection is not null ? new WriteRejected(id, entry, rejection)
                    : new WriteSucceeded(id, entry);
            }

            self.Tell(message, entry.Sender);
        }

        self.Tell(new WriteBatchCompleted(id), self);
        return true;
    }

    private void OnWriteSucceeded(JournalEntry entry)
    {
        if (_phase != Phase.Processing)
        {
            return;
        }

        foreach (var p in entry.Write!.Payload)
        {
            var invocation = _pendingInvocations.Dequeue();
            if (invocation.Stashing)
            {
                _pendingStashingPersistInvocations--;
            }

            LastSequenceNr = p.SequenceNr;
            RunUserCode(invocation, static i => i.Handler(i.Event));
        }
    }

    private void OnWriteRejected(JournalEntry entry, Exception cause)
    {
        if (_phase != Phase.Processing)
        {
            return;
        }

        if (cause is DuplicateSequenceNrException)
        {
            OnWriteFailed(entry, cause); // another writer owns this persistence id: continuing would fork the history
            return;
        }

        foreach (var p in entry.Write!.Payload)
        {
            var invocation = _pendingInvocations.Dequeue();
            if (invocation.Stashing)
            {
                _pendingStashingPersistInvocations--;
            }

            LastSequenceNr = p.SequenceNr;
            OnPersistRejected(cause, invocation.Event, p.SequenceNr);
        }
    }

    private void OnWriteFailed(JournalEntry entry, Exception cause)
    {
        if (_phase != Phase.Processing)
        {
            return;
        }

        var invocation = _pendingInvocations.Peek();
        try
        {
            OnPersistFailure(cause, invocation.Event, entry.Write!.LowestSequenceNr);
        }
        catch (Exception e)
        {
            Log.LogError(e, "OnPersistFailure of {PersistenceId} threw: {Message}", _persistenceId, e.Message);
        }

        StopAfterFailure($"persistent actor '{_persistenceId}' stopped after a journal write failure");
    }

    private void OnDeferredReached()
    {
        if (_phase != Phase.Processing)
        {
            return;
        }

        var invocation = _pendingInvocations.Dequeue();
        RunUserCode(invocation, static i => i.Handler(i.Event));
    }
}
