using AkkaCompute.Actors;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Persistence;

public abstract partial class PersistentActor
{
    private Recovery _recovery = Recovery.Default;
    private long _replayed;
    private long _recoveryGeneration;
    private ICancelable? _recoveryTimer;

    private void StartRecovery()
    {
        _phase = Phase.Recovering;
        var extension = Persistence.Get(Context.System);
        _settings = extension.Settings;
        _journal = Journal;
        _snapshotStore = SnapshotStore;
        _recovery = Recovery;
        _persistenceId = PersistenceId;
        if (string.IsNullOrEmpty(_persistenceId))
        {
            FailRecovery(new InvalidOperationException($"{GetType().Name}.PersistenceId must not be null or empty"), null);
            return;
        }

        ScheduleRecoveryTimeout();
        var (id, pid, criteria, store) = (_instanceId, _persistenceId, _recovery.Snapshot, _snapshotStore);
        TaskPiping.Pipe(
            () => store.LoadAsync(pid, criteria),
            Self,
            snapshot => new SnapshotLoaded(id, snapshot),
            cause => new RecoveryStepFailed(id, cause));
    }

    private void OnSnapshotLoaded(SelectedSnapshot? snapshot)
    {
        if (_phase != Phase.Recovering)
        {
            return;
        }

        ScheduleRecoveryTimeout();
        if (snapshot is not null)
        {
            LastSequenceNr = snapshot.Metadata.SequenceNr;
            if (!TryRecover(new SnapshotOffer(snapshot.Metadata, snapshot.Snapshot)))
            {
                return;
            }
        }

        RequestEvents(LastSequenceNr + 1);
    }

    private void RequestEvents(long fromSequenceNr)
    {
        var max = (int)Math.Min(_settings.RecoveryBatchSize, Math.Max(0, _recovery.ReplayMax - _replayed));
        var (id, journal, pid, to) = (_instanceId, _journal, _persistenceId, _recovery.ToSequenceNr);
        TaskPiping.Pipe(
            () => FetchEventsAsync(id, journal, pid, fromSequenceNr, to, max),
            Self,
            replayed => replayed,
            cause => new RecoveryStepFailed(id, cause));
    }

    /// <summary>Reads one batch; on the last batch also the highest sequence number. Runs off the actor's turn.</summary>
    private static async Task<EventsReplayed> FetchEventsAsync(long id, IJournal journal, string pid, long from, long to, int max)
    {
        var events = new List<PersistentRepresentation>(Math.Min(max, 1024));
        if (max > 0 && from <= to)
        {
            await journal.ReplayMessagesAsync(pid, from, to, max, events.Add).ConfigureAwait(false);
        }

        var last = events.Count < max || max == 0 || events[^1].SequenceNr >= to;
        long? highest = last ? await journal.ReadHighestSequenceNrAsync(pid, from).ConfigureAwait(false) : null;
        return new EventsReplayed(id, events, highest);
    }

    private void OnEventsReplayed(EventsReplayed replayed)
    {
        if (_phase != Phase.Recovering)
        {
            return;
        }

        ScheduleRecoveryTimeout();
        var events = replayed.Events;
        if (replayed.HighestSequenceNr is null)
        {
            RequestEvents(events[^1].SequenceNr + 1); // read the next batch while this one is applied
        }

        foreach (var e in events)
        {
            LastSequenceNr = e.SequenceNr;
            if (!TryRecover(e.Payload))
            {
                return;
            }
        }

        _replayed += events.Count;
        if (replayed.HighestSequenceNr is { } highest)
        {
            FinishRecovery(highest);
        }
    }

    private void FinishRecovery(long highestSequenceNr)
    {
        CancelRecoveryTimeout();
        LastSequenceNr = Math.Max(LastSequenceNr, highestSequenceNr);
        _sequenceNr = LastSequenceNr;
        _phase = Phase.Processing;
        try
        {
            RunUserCode(() => ReceiveRecover(RecoveryCompleted.Instance));
        }
        catch (Exception e)
        {
            FailRecovery(e, RecoveryCompleted.Instance);
        }
    }

    private bool TryRecover(object message)
    {
        try
        {
            ReceiveRecover(message);
            return true;
        }
        catch (Exception e)
        {
            FailRecovery(e, message);
            return false;
        }
    }

    private void FailRecovery(Exception cause, object? message)
    {
        CancelRecoveryTimeout();
        _phase = Phase.Stopped;
        try
        {
            OnRecoveryFailure(cause, message);
        }
        catch (Exception e)
        {
            Log.LogError(e, "OnRecoveryFailure of {PersistenceId} threw: {Message}", _persistenceId, e.Message);
        }

        StopAfterFailure($"recovery of persistent actor '{_persistenceId}' failed");
    }

    private void OnRecoveryTick(long generation)
    {
        if (_phase == Phase.Recovering && generation == _recoveryGeneration)
        {
            FailRecovery(new RecoveryTimedOutException($"recovery of persistent actor '{_persistenceId}' made no progress for {_settings.RecoveryEventTimeout.TotalMilliseconds:0} ms (persistence.recovery-event-timeout); last sequence number {LastSequenceNr}"), null);
        }
    }

    private void ScheduleRecoveryTimeout()
    {
        _recoveryTimer?.Cancel();
        var generation = ++_recoveryGeneration;
        _recoveryTimer = Context.System.Scheduler.ScheduleTellOnce(_settings.RecoveryEventTimeout, Self, new RecoveryTick(_instanceId, generation), Self);
    }

    private void CancelRecoveryTimeout()
    {
        _recoveryTimer?.Cancel();
        _recoveryTimer = null;
        _recoveryGeneration++;
    }
}
