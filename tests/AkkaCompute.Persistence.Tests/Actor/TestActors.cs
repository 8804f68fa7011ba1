using AkkaCompute.Persistence;

namespace AkkaCompute.Persistence.Tests.Actor;

public sealed record Add(int Amount);

public sealed record Added(int Amount, long SequenceNr);

public sealed class GetState
{
    public static readonly GetState Instance = new();
}

public sealed record CounterState(long Sum, int Count, long LastSequenceNr, bool OutOfOrder, string[] Recovered);

public sealed record CounterSnapshot(long Sum, int Count);

public sealed record TakeSnapshot;

public sealed record DeleteAll;

public sealed record StopCmd;

/// <summary>A counter with snapshots (a ReceivePersistentActor): events are ints.</summary>
public sealed class Counter : ReceivePersistentActor
{
    private readonly string _pid;
    private readonly List<string> _recovered = [];
    private long _sum;
    private int _count;
    private long _lastSeen;
    private bool _outOfOrder;
    private IActorRef _requester = ActorRefs.NoSender;

    public Counter(string pid)
    {
        _pid = pid;
        Recover<SnapshotOffer>(o =>
        {
            var s = (CounterSnapshot)o.Snapshot;
            (_sum, _count, _lastSeen) = (s.Sum, s.Count, o.Metadata.SequenceNr);
            _recovered.Add($"snapshot@{o.Metadata.SequenceNr}");
        });
        Recover<int>(n =>
        {
            _outOfOrder |= LastSequenceNr != _lastSeen + 1;
            _lastSeen = LastSequenceNr;
            _sum += n;
            _count++;
            if (_recovered.Count < 20)
            {
                _recovered.Add($"event@{LastSequenceNr}");
            }
        });
        Command<Add>(a => Persist(a.Amount, n =>
        {
            _sum += n;
            _count++;
            Sender.Tell(new Added(n, LastSequenceNr));
        }));
        Command<GetState>(_ => Sender.Tell(new CounterState(_sum, _count, LastSequenceNr, _outOfOrder, _recovered.ToArray())));
        Command<TakeSnapshot>(_ =>
        {
            _requester = Sender;
            SaveSnapshot(new CounterSnapshot(_sum, _count));
        });
        Command<SaveSnapshotSuccess>(s => _requester.Tell(s));
        Command<SaveSnapshotFailure>(f => _requester.Tell(f));
        Command<DeleteAll>(_ =>
        {
            _requester = Sender;
            DeleteMessages(long.MaxValue);
        });
        Command<DeleteMessagesSuccess>(s => _requester.Tell(s));
        Command<StopCmd>(_ => Context.Stop(Self));
    }

    public override string PersistenceId => _pid;
}

public sealed record PersistCmd(string Event);

public sealed record PersistAllCmd(string[] Events);

public sealed record PersistAsyncCmd(string Event);

public sealed record DeferCmd(string Event);

public sealed record AsyncThenDefer;

public sealed record TaggedCmd(string Event, string[] Tags);

public sealed record PersistFailed(string Type, string Message, object Event, long SequenceNr);

public sealed record PersistRejected(string Message, object Event, long SequenceNr);

public sealed record RecoveryFailed(string Type, string Message, object? During);

/// <summary>Reports every step to a probe (an UntypedPersistentActor): events are strings.</summary>
public sealed class Reporter(string pid, IActorRef probe) : UntypedPersistentActor
{
    private bool _open;

    public override string PersistenceId => pid;

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case "poison":
                throw new InvalidOperationException("poisoned");
            case "persist-while-recovering":
                Persist("nested", _ => { });
                break;
            case string e:
                probe.Tell("recovered:" + e);
                break;
            case RecoveryCompleted:
                probe.Tell("recovery-completed");
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case PersistCmd c:
                Persist(c.Event, e =>
                {
                    if (e == "explode")
                    {
                        throw new InvalidOperationException("exploded");
                    }

                    probe.Tell($"persisted:{e}@{LastSequenceNr}");
                });
                break;
            case PersistAllCmd c:
                PersistAll(c.Events, e => probe.Tell($"persisted:{e}@{LastSequenceNr}"));
                break;
            case PersistAsyncCmd c:
                PersistAsync(c.Event, e => probe.Tell($"async:{e}@{LastSequenceNr}"));
                break;
            case DeferCmd c:
                DeferAsync(c.Event, e => probe.Tell("defer:" + e));
                probe.Tell("after-defer-call");
                break;
            case AsyncThenDefer:
                PersistAsync("a", e => probe.Tell("async:" + e));
                PersistAsync("b", e => probe.Tell("async:" + e));
                DeferAsync("d", e => probe.Tell("defer:" + e));
                probe.Tell("handler-done");
                break;
            case TaggedCmd c:
                Persist(new Tagged(c.Event, c.Tags), t => probe.Tell(t));
                break;
            case "stash-me" when !_open:
                Stash.Stash();
                break;
            case "open":
                _open = true;
                Stash.UnstashAll();
                break;
            case string s:
                probe.Tell(s);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        probe.Tell(new PersistFailed(cause.GetType().Name, cause.Message, @event, sequenceNr));

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        probe.Tell(new PersistRejected(cause.Message, @event, sequenceNr));

    protected override void OnRecoveryFailure(Exception reason, object? message) =>
        probe.Tell(new RecoveryFailed(reason.GetType().Name, reason.Message, message));
}
