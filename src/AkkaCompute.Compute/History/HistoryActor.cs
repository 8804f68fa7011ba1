using AkkaCompute.Actors;
using AkkaCompute.Persistence;

namespace AkkaCompute.Compute.History;

/// <summary>
/// The durable audit history: a persistent actor that journals every task lifecycle event
/// (<see cref="TaskAccepted"/> with <c>Persist</c>, so acceptance is durable before the reply;
/// the rest with <c>PersistAsync</c>, in order) and folds them into a <see cref="HistoryProjection"/>
/// that answers queries and statistics and, after a restart, what to resume. A journal failure
/// stops it (as in Akka.Persistence); its parent treats that as fatal for the node.
/// </summary>
public sealed class HistoryActor : ReceivePersistentActor
{
    private readonly HistoryProjection _projection = new();

    /// <summary>Creates the actor.</summary>
    /// <param name="persistenceId">The journal stream, e.g. <c>akc-history</c>.</param>
    public HistoryActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<ITaskHistoryEvent>(_projection.Apply);
        Command<RecordAccepted>(Accept);
        Command<RecordEvent>(r => PersistAsync(r.Event, _projection.Apply));
        Command<GetRecoveredState>(_ => Sender.Tell(new RecoveredState(_projection.Finished(), _projection.Incomplete()), Self));
        Command<QueryHistory>(q => Sender.Tell(new HistoryQueryResult(_projection.Query(q.Query)), Self));
        Command<GetHistoryStats>(_ => Sender.Tell(_projection.Stats(), Self));
        Command<FlushHistory>(f =>
        {
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
        var replyTo = Sender;
        var now = Context.System.TimeProvider.GetUtcNow();
        var remaining = record.Specs.Count;
        if (remaining == 0)
        {
            replyTo.Tell(new AcceptedRecorded(0), Self);
            return;
        }

        PersistAll(record.Specs.Select(s => new TaskAccepted(s, now)), e =>
        {
            _projection.Apply(e);
            if (--remaining == 0)
            {
                replyTo.Tell(new AcceptedRecorded(record.Specs.Count), Self);
            }
        });
    }
}
