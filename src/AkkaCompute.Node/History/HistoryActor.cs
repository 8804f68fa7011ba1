using Akka.Actor;
using Akka.Persistence;
using AkkaCompute.Compute.History;

namespace AkkaCompute.Node.History;

/// <summary>
/// The durable audit history: a persistent actor that journals every task lifecycle event and folds
/// them into a <see cref="HistoryProjection"/> that answers queries and statistics and, after a
/// restart, what to resume. A batch's acceptance is written with <c>Persist</c> (durable before the
/// reply) as one atomic write of <see cref="TasksAccepted"/> events, one row per <see cref="TasksPerRow"/>
/// tasks. Lifecycle events are buffered and written with <c>PersistAsync</c> (in order, never holding
/// commands) as <see cref="TaskEventBatch"/> rows of up to <see cref="TasksPerRow"/> events, in a group commit
/// (DeWitt et al., "Implementation Techniques for Main Memory Database Systems", SIGMOD 1984): an event that
/// arrives while no events are being written waits the group-commit delay, and the events of that moment share
/// one write; events that arrive while a write is under way go as soon as it completes. The journal so costs one
/// write per burst, not one per event or per turn of the mailbox (at most <see cref="TaskEventBatch.MaxEvents"/>
/// events wait; a full buffer is written at once). With 9,200 <c>true</c> shell tasks on two executors, a delay of
/// 10 ms took the journal from 10,648 rows (one write each) to 883-977. Rows stay small so that their serialized form stays off
/// the large-object heap. An acceptance writes the buffer before itself, so the journal keeps the order in
/// which things happened; a <see cref="FlushHistory"/> answers once everything recorded before it is durable.
/// A journal failure stops the actor (Akka.Persistence's rule); its parent treats that as fatal for the node.
/// Rows are written through <see cref="HistorySerializer"/> (System.Text.Json, generated metadata), never Akka's default.
/// </summary>
public sealed class HistoryActor : ReceivePersistentActor, IWithTimers
{
    private readonly HistoryProjection _projection = new();
    private readonly WriteLatencyWindow _writeLatency = new();
    private readonly List<ITaskHistoryEvent> _buffer = [];
    private bool _flushQueued;
    private int _eventRowsInFlight;

    /// <summary>The most tasks in one <see cref="TasksAccepted"/> row, and events in one <see cref="TaskEventBatch"/> row.</summary>
    public const int TasksPerRow = TaskEventBatch.MaxPerRow;

    /// <summary>The journal stream of a node's history.</summary>
    public const string DefaultPersistenceId = "akc-history";

    private readonly TimeProvider _clock;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private readonly TimeSpan _groupCommitDelay;

    /// <summary>The default group-commit delay of lifecycle events: 10 ms (<c>akc.storage.group-commit-delay</c>).</summary>
    public static readonly TimeSpan DefaultGroupCommitDelay = TimeSpan.FromMilliseconds(10);

    /// <summary>Creates the actor.</summary>
    /// <param name="persistenceId">The journal stream, e.g. <c>akc-history</c>.</param>
    /// <param name="clock">The clock acceptance times are stamped from.</param>
    /// <param name="groupCommitDelay">How long a lifecycle event that arrives while nothing is being written waits for others to share its write; zero writes at once.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="groupCommitDelay"/> is negative.</exception>
    public HistoryActor(string persistenceId, TimeProvider clock, TimeSpan groupCommitDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupCommitDelay, TimeSpan.Zero);
        PersistenceId = persistenceId;
        _clock = clock;
        _groupCommitDelay = groupCommitDelay;
        Recover<RecoveryCompleted>(_ => { });
        RecoverAny(payload => _projection.ApplyStored(payload));
        Command<RecordAccepted>(Accept);
        Command<RecordEvent>(r =>
        {
            _buffer.Add(r.Event);
            if (_buffer.Count >= TaskEventBatch.MaxEvents)
            {
                WriteBuffer();
            }
            else if (!_flushQueued && _eventRowsInFlight == 0)
            {
                _flushQueued = true;
                if (_groupCommitDelay > TimeSpan.Zero)
                {
                    Timers.StartSingleTimer(WriteBufferTick.Instance, WriteBufferTick.Instance, _groupCommitDelay);
                }
                else
                {
                    Self.Tell(WriteBufferTick.Instance, Self);
                }
            }
        });
        Command<WriteBufferTick>(_ =>
        {
            _flushQueued = false;
            if (_eventRowsInFlight == 0)
            {
                WriteBuffer();
            }
        });
        Command<GetJournalLatency>(_ => Sender.Tell(new JournalLatency(_writeLatency.Count, _writeLatency.MeanMs, _writeLatency.MaxMs), Self));
        Command<GetRecoveredState>(_ => Sender.Tell(new RecoveredState(_projection.Finished(), _projection.Incomplete(), _projection.RunBases()), Self));
        // Queries read their writes: everything recorded before a query is written (and folded) before it is answered.
        Command<QueryHistory>(q => AfterWrites(q, () => new HistoryQueryResult(_projection.Query(q.Query))));
        Command<GetHistoryStats>(q => AfterWrites(q, () => _projection.Stats()));
        Command<FlushHistory>(f =>
        {
            WriteBuffer();
            var replyTo = Sender;
            DeferAsync(f, _ => replyTo.Tell(new HistoryFlushed(), Self));
        });
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <summary>Props for the actor.</summary>
    /// <param name="persistenceId">The journal stream; default <see cref="DefaultPersistenceId"/>.</param>
    /// <param name="clock">The clock acceptance times are stamped from; default the system clock.</param>
    /// <param name="groupCommitDelay">The group-commit delay of lifecycle events; default <see cref="DefaultGroupCommitDelay"/>, zero writes at once.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="groupCommitDelay"/> is negative.</exception>
    public static Props Props(string persistenceId = DefaultPersistenceId, TimeProvider? clock = null, TimeSpan? groupCommitDelay = null)
    {
        var delay = groupCommitDelay ?? DefaultGroupCommitDelay;
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(groupCommitDelay));
        return Akka.Actor.Props.Create(() => new HistoryActor(persistenceId, clock ?? TimeProvider.System, delay));
    }

    private void Accept(RecordAccepted record)
    {
        WriteBuffer();
        var replyTo = Sender;
        var specs = record.Specs;
        var at = _clock.GetUtcNow();
        var started = _clock.GetTimestamp();
        if (specs.Count <= TasksPerRow)
        {
            Persist(new TasksAccepted(specs, at), e =>
            {
                _writeLatency.Add(_clock.GetElapsedTime(started));
                _projection.ApplyStored(e);
                replyTo.Tell(new AcceptedRecorded(specs.Count), Self);
            });
            return;
        }

        var rows = Rows(specs, chunk => new TasksAccepted(chunk, at));
        var left = rows.Count;
        PersistAll(rows, e =>
        {
            _writeLatency.Add(_clock.GetElapsedTime(started));
            _projection.ApplyStored(e);
            if (--left == 0)
            {
                replyTo.Tell(new AcceptedRecorded(specs.Count), Self);
            }
        });
    }

    /// <summary>Answers <paramref name="query"/> once every event recorded before it is journaled and folded (DeferAsync runs after pending writes).</summary>
    private void AfterWrites(object query, Func<object> answer)
    {
        WriteBuffer();
        var replyTo = Sender;
        DeferAsync(query, _ => replyTo.Tell(answer(), Self));
    }

    private void WriteBuffer()
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        var rows = Rows(_buffer, chunk => new TaskEventBatch(chunk));
        _buffer.Clear();
        _eventRowsInFlight += rows.Count;
        var started = _clock.GetTimestamp();
        PersistAllAsync(rows, b =>
        {
            _writeLatency.Add(_clock.GetElapsedTime(started));
            _projection.ApplyStored(b);
            EventRowDone();
        });
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistFailure(cause, @event, sequenceNr);
        Context.System.EventStream.Publish(new HistoryJournalFailed($"writing the history journal failed: {cause.Message}"));
    }

    /// <inheritdoc />
    protected override void OnRecoveryFailure(Exception reason, object? message)
    {
        base.OnRecoveryFailure(reason, message);
        Context.System.EventStream.Publish(new HistoryJournalFailed($"reading the history journal failed: {reason.Message}"));
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        if (@event is TaskEventBatch)
        {
            EventRowDone();
        }
    }

    /// <summary>A row of events is written (or was rejected); after the last, the events buffered meanwhile go next.</summary>
    private void EventRowDone()
    {
        _eventRowsInFlight--;
        if (_eventRowsInFlight == 0 && !_flushQueued)
        {
            WriteBuffer();
        }
    }

    /// <summary>Splits <paramref name="items"/> into rows of at most <see cref="TasksPerRow"/> items (copies).</summary>
    private static List<TRow> Rows<TItem, TRow>(IReadOnlyList<TItem> items, Func<TItem[], TRow> row)
    {
        var rows = new List<TRow>((items.Count + TasksPerRow - 1) / TasksPerRow);
        for (var start = 0; start < items.Count; start += TasksPerRow)
        {
            var chunk = new TItem[Math.Min(TasksPerRow, items.Count - start)];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = items[start + i];
            }

            rows.Add(row(chunk));
        }

        return rows;
    }

    private sealed class WriteBufferTick
    {
        public static WriteBufferTick Instance { get; } = new();
    }
}
