using AkkaCompute.Actors;
using AkkaCompute.Persistence;

namespace AkkaCompute.Compute.History;

/// <summary>
/// The durable audit history: a persistent actor that journals every task lifecycle event and folds
/// them into a <see cref="HistoryProjection"/> that answers queries and statistics and, after a
/// restart, what to resume. A batch's acceptance is one <see cref="TasksAccepted"/> event written
/// with <c>Persist</c> (durable before the reply). Lifecycle events are buffered and written as one
/// <see cref="TaskEventBatch"/> per turn of the mailbox with <c>PersistAsync</c> (in order, never
/// holding commands), so that the journal costs one row per burst, not one per event; a
/// <see cref="FlushHistory"/> answers once everything recorded before it is durable. A journal
/// failure stops the actor (as in Akka.Persistence); its parent treats that as fatal for the node.
/// </summary>
public sealed class HistoryActor : ReceivePersistentActor
{
    private readonly HistoryProjection _projection = new();
    private readonly List<ITaskHistoryEvent> _buffer = [];
    private bool _flushQueued;

    /// <summary>Creates the actor.</summary>
    /// <param name="persistenceId">The journal stream, e.g. <c>akc-history</c>.</param>
    public HistoryActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        RecoverAny(payload => _projection.ApplyStored(payload));
        Command<RecordAccepted>(Accept);
        Command<RecordEvent>(r =>
        {
            _buffer.Add(r.Event);
            if (_buffer.Count >= TaskEventBatch.MaxEvents)
            {
                WriteBuffer();
            }
            else if (!_flushQueued)
            {
                _flushQueued = true;
                Self.Tell(WriteBufferTick.Instance, Self);
            }
        });
        Command<WriteBufferTick>(_ =>
        {
            _flushQueued = false;
            WriteBuffer();
        });
        Command<GetRecoveredState>(_ => Sender.Tell(new RecoveredState(_projection.Finished(), _projection.Incomplete()), Self));
        Command<QueryHistory>(q => Sender.Tell(new HistoryQueryResult(_projection.Query(q.Query)), Self));
        Command<GetHistoryStats>(_ => Sender.Tell(_projection.Stats(), Self));
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
    public static Props Props(string persistenceId = "akc-history") => Actors.Props.Create(() => new HistoryActor(persistenceId));

    private void Accept(RecordAccepted record)
    {
        WriteBuffer();
        var replyTo = Sender;
        var accepted = new TasksAccepted(record.Specs, Context.System.TimeProvider.GetUtcNow());
        Persist(accepted, e =>
        {
            _projection.ApplyStored(e);
            replyTo.Tell(new AcceptedRecorded(record.Specs.Count), Self);
        });
    }

    private void WriteBuffer()
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        var batch = new TaskEventBatch(_buffer.ToArray());
        _buffer.Clear();
        PersistAsync(batch, b => _projection.ApplyStored(b));
    }

    private sealed class WriteBufferTick
    {
        public static WriteBufferTick Instance { get; } = new();
    }
}
