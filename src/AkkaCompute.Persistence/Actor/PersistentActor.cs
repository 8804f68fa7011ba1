using AkkaCompute.Actors;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Persistence;

/// <summary>
/// An event-sourced actor (Akka's PersistentActor). On start it recovers: it offers the newest snapshot
/// (<see cref="SnapshotOffer"/>) and every later event to <see cref="ReceiveRecover"/>, then
/// <see cref="RecoveryCompleted"/>; commands that arrive meanwhile are held and processed afterwards, in order. Commands go
/// to <see cref="ReceiveCommand"/>, which records state changes with <see cref="Persist{TEvent}"/> and friends.
/// </summary>
/// <remarks>
/// <para>
/// Journal and snapshot-store calls are asynchronous; their outcomes come back as messages to the actor itself, so
/// handlers always run on the actor's turn. A persist handler sees <see cref="ActorBase.Sender"/> of the command that
/// called Persist.
/// </para>
/// <para>
/// Failures (as in Akka): a journal write failure calls <see cref="OnPersistFailure"/> and stops the actor; a rejected write
/// (e.g. the event could not be serialized) calls <see cref="OnPersistRejected"/> and the actor continues; a failed recovery
/// (store error, deserialization error, an exception in a recover handler, or no progress within
/// <see cref="PersistenceSettings.RecoveryEventTimeout"/>) calls <see cref="OnRecoveryFailure"/> and stops the actor. An
/// exception in a command or persist handler fails the actor like in any actor; the Persist calls of that handler are undone,
/// and held commands survive a restart.
/// </para>
/// <para>
/// Held commands are limited to <see cref="ActorSystemSettings.StashCapacity"/> (<c>actor.stash-capacity</c>, default
/// 100,000); at the limit a new command goes to dead letters (an Ask fails at once) instead of being held.
/// </para>
/// <para>
/// Do not call <c>Context.Become</c>: it would bypass recovery and holding. Switch command behaviour with
/// <see cref="ReceivePersistentActor.Become(Action)"/> or <see cref="UntypedPersistentActor.Become(Action{object})"/>.
/// <see cref="PoisonPill"/> stops the actor at once: held commands are dropped, and writes already sent to the journal
/// complete without their handlers running. To stop after them, send a command that calls <c>Context.Stop(Self)</c>.
/// </para>
/// </remarks>
public abstract partial class PersistentActor : ActorBase, IWithStash
{
    private static long _instances;

    private readonly long _instanceId = Interlocked.Increment(ref _instances);
    private readonly string _writerUuid = Guid.NewGuid().ToString("N");
    private readonly CommandHold _hold;
    private Phase _phase = Phase.Created;
    private string _persistenceId = string.Empty;
    private PersistenceSettings _settings = null!;
    private IJournal _journal = null!;
    private ISnapshotStore _snapshotStore = null!;
    private IStash _userStash = null!;
    private object? _currentMessage;

    /// <summary>Creates the actor and schedules its recovery, which starts with its first message.</summary>
    protected PersistentActor()
    {
        _hold = CommandHold.For(Self);
        Self.Tell(new RecoveryStart(_instanceId), Self);
    }

    private enum Phase
    {
        Created,
        Recovering,
        Processing,
        Stopped,
    }

    /// <summary>The id of this actor's events and snapshots in the stores; stable across restarts and processes. Read once, when recovery starts.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>How this actor recovers; default <see cref="AkkaCompute.Persistence.Recovery.Default"/> (newest snapshot, then every later event). Read once, when recovery starts.</summary>
    public virtual Recovery Recovery => Recovery.Default;

    /// <summary>The sequence number of the last event recovered or persisted (its handler has run); 0 before the first event.</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>The sequence number a snapshot taken now is saved under; as in Akka, equal to <see cref="LastSequenceNr"/>.</summary>
    public long SnapshotSequenceNr => LastSequenceNr;

    /// <summary>True until recovery has replayed every event (false while <see cref="RecoveryCompleted"/> is handled and after).</summary>
    public bool IsRecovering => _phase is Phase.Created or Phase.Recovering;

    /// <summary>True once recovery finished (from <see cref="RecoveryCompleted"/> on).</summary>
    public bool IsRecoveryFinished => _phase == Phase.Processing;

    /// <summary>
    /// The user stash, set by the runtime (see <see cref="IWithStash"/>). It is separate from the hold that keeps commands
    /// during recovery and Persist; unstashed commands go before the commands the hold keeps, as in Akka.
    /// </summary>
    public IStash Stash
    {
        get => _userStash;
        set => _userStash = new UserStash(value ?? throw new ArgumentNullException(nameof(value)), _hold, () => _currentMessage);
    }

    /// <summary>The journal of this actor; default the system's <see cref="Persistence.Journal"/>. Read once, when recovery starts.</summary>
    protected virtual IJournal Journal => Persistence.Get(Context.System).Journal;

    /// <summary>The snapshot store of this actor; default the system's <see cref="Persistence.SnapshotStore"/>. Read once, when recovery starts.</summary>
    protected virtual ISnapshotStore SnapshotStore => Persistence.Get(Context.System).SnapshotStore;

    private bool Blocked => _phase != Phase.Processing || _pendingStashingPersistInvocations > 0;

    /// <summary>
    /// Handles recovery: a <see cref="SnapshotOffer"/>, each replayed event (the payload as persisted, without
    /// <see cref="Tagged"/>), then <see cref="RecoveryCompleted"/>. Must only change state; persisting here throws.
    /// Return false for a message it does not handle (it is ignored).
    /// </summary>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles a command. Return false for a message it does not handle (it goes to <see cref="ActorBase.Unhandled"/>).</summary>
    protected abstract bool ReceiveCommand(object message);

    /// <summary>
    /// Called when recovery failed, just before the actor stops. <paramref name="message"/> is the event or snapshot
    /// offer being recovered when a handler threw, or null for a store error or timeout. The default logs an error.
    /// </summary>
    protected virtual void OnRecoveryFailure(Exception reason, object? message) =>
        Log.LogError(reason, "Recovery of persistent actor {PersistenceId} failed{While}: {Message}", _persistenceId, message is null ? string.Empty : $" while recovering {message.GetType().Name}", reason.Message);

    /// <summary>
    /// Called when the journal failed to write <paramref name="event"/> (sequence number <paramref name="sequenceNr"/>), just
    /// before the actor stops; called once, for the first event of the failed write. The default logs an error.
    /// </summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        Log.LogError(cause, "Failed to persist event {EventType} with sequence number {SequenceNr} of {PersistenceId}; stopping: {Message}", @event.GetType().Name, sequenceNr, _persistenceId, cause.Message);

    /// <summary>
    /// Called for each event the journal rejected (its handler does not run); the actor continues. The default logs a warning.
    /// </summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        Log.LogWarning(cause, "Rejected to persist event {EventType} with sequence number {SequenceNr} of {PersistenceId}: {Message}", @event.GetType().Name, sequenceNr, _persistenceId, cause.Message);

    /// <inheritdoc />
    protected sealed override bool Receive(object message)
    {
        _currentMessage = message;
        if (message is PersistenceProtocol protocol)
        {
            if (protocol.InstanceId == _instanceId)
            {
                HandleProtocol(protocol);
                FlushBatch();
            }
        }
        else
        {
            if (_phase == Phase.Created)
            {
                StartRecovery();
            }

            var capacity = Context.System.Settings.StashCapacity;
            if (_hold.Accept(message, Sender, Blocked, capacity, out var overflowed) is { } command)
            {
                RunUserCode(
                    (Actor: this, Command: command),
                    static s =>
                    {
                        if (!s.Actor.ReceiveCommand(s.Command))
                        {
                            s.Actor.Unhandled(s.Command);
                        }
                    });
                FlushBatch();
            }
            else if (overflowed)
            {
                var reason = $"persistent actor '{_persistenceId}' already holds {capacity} commands while it recovers or persists (actor.stash-capacity)";
                Context.System.DeadLetters.Tell(new DeadLetter(message is HeldCommand h ? h.Message : message, Sender, Self, reason), Sender);
            }
        }

        _hold.Release(Self, Blocked);
        return true;
    }

    private void HandleProtocol(PersistenceProtocol protocol)
    {
        switch (protocol)
        {
            case RecoveryStart when _phase == Phase.Created:
                StartRecovery();
                break;
            case SnapshotLoaded loaded:
                OnSnapshotLoaded(loaded.Snapshot);
                break;
            case EventsReplayed replayed:
                OnEventsReplayed(replayed);
                break;
            case RecoveryStepFailed failed when _phase == Phase.Recovering:
                FailRecovery(failed.Cause, null);
                break;
            case RecoveryTick tick:
                OnRecoveryTick(tick.Generation);
                break;
            case WriteSucceeded w:
                OnWriteSucceeded(w.Entry);
                break;
            case WriteRejected r:
                OnWriteRejected(r.Entry, r.Cause);
                break;
            case WriteFailed f:
                OnWriteFailed(f.Entry, f.Cause);
                break;
            case DeferredReached:
                OnDeferredReached();
                break;
            case WriteBatchCompleted:
                _writeInProgress = false;
                break;
        }
    }

    /// <summary>Runs user code; when it throws, undoes its Persist calls and rethrows.</summary>
    private void RunUserCode(Action action) => RunUserCode(action, static a => a());

    /// <summary>
    /// Runs user code with its state passed in (a static lambda allocates nothing per message); when it throws, undoes
    /// its Persist calls and rethrows.
    /// </summary>
    private void RunUserCode<TState>(TState state, Action<TState> action)
    {
        var invocations = _pendingInvocations.Count;
        var batch = _eventBatch.Count;
        var sequenceNr = _sequenceNr;
        var stashing = _pendingStashingPersistInvocations;
        try
        {
            action(state);
        }
        catch
        {
            _pendingInvocations.TruncateTo(invocations);
            _eventBatch.RemoveRange(batch, _eventBatch.Count - batch);
            _sequenceNr = sequenceNr;
            _pendingStashingPersistInvocations = stashing;
            throw;
        }
    }

    /// <summary>Stops the actor after a failure: held commands go to dead letters.</summary>
    private void StopAfterFailure(string reason)
    {
        _phase = Phase.Stopped;
        _eventBatch.Clear();
        _journalBatch.Clear();
        _pendingInvocations.Clear();
        _pendingStashingPersistInvocations = 0;
        foreach (var held in _hold.Drain())
        {
            Context.System.DeadLetters.Tell(new DeadLetter(held.Message, held.Sender, Self, reason), held.Sender);
        }

        Context.Stop(Self);
    }

    private long Now() => Context.System.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
}
