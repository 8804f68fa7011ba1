using Akka.Actor;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Node;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Compute.Workflows;
using AkkaCompute.Node.Caching;
using AkkaCompute.Node.Quotas;

namespace AkkaCompute.Node.Peer;

public sealed partial class PeerActor
{
    private async Task Submit(SubmitBatch batch)
    {
        var replyTo = Sender;
        if (batch.Tasks.Count > SubmitBatch.MaxBatchSize)
        {
            replyTo.Tell(new BatchRefused($"batch of {batch.Tasks.Count} tasks exceeds the limit of {SubmitBatch.MaxBatchSize}"), Self);
            return;
        }

        foreach (var spec in batch.Tasks)
        {
            if ((TaskSpecValidator.Validate(spec) ?? _options.AcceptanceCheck?.Invoke(spec)) is { } invalid)
            {
                replyTo.Tell(new BatchRefused(invalid), Self);
                return;
            }
        }

        var tasks = PrepareAcceptance(batch.Tasks); // tag roles, due times, recurring occurrences (PeerActor.Schedule)
        var changed = await ChangedInputsAsync(tasks);
        var plan = _table.Plan(tasks, changed.Count == 0 ? null : changed.Contains);
        if (plan.Error is { } error)
        {
            replyTo.Tell(new BatchRefused(error), Self);
            return;
        }

        var accepting = plan.Rerun.Count == 0 ? plan.New : [.. plan.Rerun, .. plan.New];
        if (accepting.Count > 0)
        {
            if (batch.ClientId is { } client && _options.Quotas.MaxTasksPerWindow > 0)
            {
                var answer = await _quota.Ask(new AcquireTaskQuota(client, accepting.Count), _options.HistoryWriteTimeout);
                if (answer is QuotaRefused refused)
                {
                    replyTo.Tell(new BatchRefused(refused.Refusal.ToString()), Self);
                    return;
                }
            }

            // In a cluster the batch is held by a majority before it is journaled and acknowledged (PeerActor.Acceptance).
            var head = Distributed ? StampHead() : null;
            var startedOnHold = head is null ? null : OwnersStartingOnHold(accepting, plan.New, batch.JobId, head); // PeerActor.StartOnHold
            if (head is not null)
            {
                var (notHeld, elsewhere) = await ReplicateAcceptedAsync(accepting, batch.JobId, head, startedOnHold);
                if (notHeld is not null)
                {
                    replyTo.Tell(new BatchRefused(notHeld), Self);
                    return;
                }

                if (elsewhere.Count > 0)
                {
                    // Occurrences of recurring chains another member holds are already known there (PeerActor.Claims).
                    (plan, accepting) = WithoutHeldElsewhere(plan, accepting, elsewhere);
                    if (accepting.Count == 0)
                    {
                        replyTo.Tell(new BatchAccepted([], plan.AlreadyKnown), Self);
                        return;
                    }
                }
            }

            if (head is not null && ReplicatedToOthers)
            {
                // Held by a majority that includes another member, the batch is durable across the loss of any one node
                // already: it is journaled in the background (in order: before anything recorded about its tasks), and a
                // journal failure restarts this actor, which then takes its own entries back from the replicas.
                _history.Tell(new RecordAccepted(accepting), Self);
            }
            else
            {
                try
                {
                    await _history.Ask<AcceptedRecorded>(new RecordAccepted(accepting), _options.HistoryWriteTimeout);
                }
                catch (Exception e)
                {
                    ForgetAccepted(accepting);
                    replyTo.Tell(new BatchRefused($"the history could not record the batch, nothing was accepted: {e.Message}"), Self);
                    return;
                }
            }

            // ReceiveAsync holds other messages while this batch is replicated and journaled, so the plan still holds.
            // Re-runs first: new tasks that depend on a re-run task must see it pending, not failed.
            IReadOnlyList<TaskResult> failed = plan.Rerun.Count == 0 ? [] : _table.Rerun(plan.Rerun);
            var failedNew = _table.Accept(plan.New);
            if (head is not null)
            {
                Stamp(accepting, batch.JobId, head);
                if (startedOnHold is not null)
                {
                    PlaceStartedOnHold(startedOnHold);
                }
            }
            foreach (var spec in accepting)
            {
                Publish(new TaskEvent(spec.Id, TaskState.Accepted, _table.RunBaseOf(spec.Id), JobId: batch.JobId));
            }

            RecordFinished(failed);
            RecordFinished(failedNew);
        }

        replyTo.Tell(new BatchAccepted(accepting.Select(s => s.Id).ToList(), plan.AlreadyKnown), Self);
        Pump();
    }

    /// <summary>
    /// Sends every ready task to the cache (when cacheable) or the scheduler; the scheduler gets them in one
    /// <see cref="EnqueueAll"/> (a lone task as <see cref="Enqueue"/>), so that a large batch costs one message.
    /// </summary>
    private void Pump()
    {
        List<QueuedTask>? ready = null;
        QueuedTask? first = null;
        List<CacheLookup>? lookups = null;
        var now = Now;
        while (!_schedulerFull)
        {
            TaskSpec? spec;
            try
            {
                spec = _table.TakeReady();
            }
            catch (RefResolutionException e)
            {
                Finish(new TaskResult(e.TaskId!, TaskState.Failed, null, e.Message, 0, 0));
                continue;
            }

            if (spec is null)
            {
                break;
            }

            OccurrenceTaken(spec); // a recurring task's occurrence about to run makes its successor durable (PeerActor.Schedule)

            var attempt = _table.AttemptOf(spec.Id) + 1;
            var fingerprint = FingerprintOrNull(spec);
            if (fingerprint is not null)
            {
                _inputFingerprints[spec.Id] = fingerprint;
            }

            if (_options.CacheEnabled && spec.Cache && CacheKeyOrNull(spec, fingerprint) is { } key)
            {
                _awaitingCache[spec.Id] = (spec, attempt);
                (lookups ??= []).Add(new CacheLookup(key, spec.Id));
                continue;
            }

            var queued = new QueuedTask(spec, attempt, now);
            if (first is null)
            {
                first = queued;
            }
            else
            {
                (ready ??= [first]).Add(queued);
            }
        }

        if (lookups is not null)
        {
            _cache.Tell(new CacheLookupAll(lookups), Self); // one answer, so the misses reach the scheduler together
        }

        if (ready is not null)
        {
            Dispatch(ready);
        }
        else if (first is not null)
        {
            Dispatch([first]);
        }

        ArmDueTimer();
    }

    /// <summary>
    /// Finishes the hits and sends the misses that still wait to the scheduler in one <see cref="EnqueueAll"/>, so the
    /// scheduler queues them all before it dispatches and the highest priority starts first (issue: with the cache on,
    /// per-task answers let the first lookups to return start first, in file order).
    /// </summary>
    private void CacheAnswered(CacheLookupResults results)
    {
        foreach (var h in results.Hits)
        {
            _awaitingCache.Remove(h.Correlation);
            Finish(new TaskResult(h.Correlation, TaskState.Succeeded, h.Value, null, 0, 0, FromCache: true, InputFingerprint: _inputFingerprints.GetValueOrDefault(h.Correlation)));
        }

        var now = Now;
        var ready = new List<QueuedTask>(results.Misses.Count);
        foreach (var id in results.Misses)
        {
            if (_awaitingCache.Remove(id, out var waiting) && _table.StateOf(id) == TaskState.Queued)
            {
                ready.Add(new QueuedTask(waiting.Spec, waiting.Attempt, now));
            }
        }

        if (ready.Count > 0)
        {
            Dispatch(ready);
        }

        if (results.Hits.Count > 0)
        {
            Pump(); // dependents of the hits may be ready now
        }
    }

    private string? CacheKeyOrNull(TaskSpec spec, string? fingerprint)
    {
        try
        {
            return _options.CacheKeyOf(spec) is { } key ? CacheKey.WithInputs(key, fingerprint) : null;
        }
        catch (Exception)
        {
            return null; // e.g. an input file that cannot be read: run the task uncached
        }
    }

    private string? FingerprintOrNull(TaskSpec spec)
    {
        try
        {
            return _options.InputFingerprintOf(spec);
        }
        catch (Exception)
        {
            return null; // e.g. too many inputs: nothing recorded, so a resubmission runs the task again
        }
    }

    /// <summary>
    /// The ids of <paramref name="batch"/> that the table holds as succeeded with a recorded input fingerprint other than
    /// their current one (a task that declares no inputs now and recorded none is unchanged). The files are read on a
    /// pool thread; the actor handles nothing else meanwhile (this runs inside <see cref="Submit"/>), so the table holds still.
    /// </summary>
    private async Task<HashSet<string>> ChangedInputsAsync(IReadOnlyList<TaskSpec> batch)
    {
        var succeeded = new List<(string Id, TaskSpec Spec, string? Recorded)>();
        foreach (var spec in batch)
        {
            if (_table.StateOf(spec.Id) == TaskState.Succeeded && _table.ResolvedSpecOf(spec.Id) is { } resolved)
            {
                succeeded.Add((spec.Id, resolved, _table.ResultOf(spec.Id)?.InputFingerprint));
            }
        }

        if (succeeded.Count == 0)
        {
            return [];
        }

        return await Task.Run(() => succeeded
            .AsParallel()
            .Where(s => !string.Equals(FingerprintOrNull(s.Spec), s.Recorded, StringComparison.Ordinal))
            .Select(s => s.Id)
            .ToHashSet(StringComparer.Ordinal));
    }

    private void Started(AttemptStarted started)
    {
        if (ForwardStarted(started))
        {
            return;
        }

        if (_table.MarkRunning(started.TaskId, started.Attempt))
        {
            var owner = !Distributed ? null : _placed.TryGetValue(started.TaskId, out var placed) ? placed.Owner : _selfAddress;
            _history.Tell(new RecordEvent(new TaskStarted(started.TaskId, started.Attempt, Now, owner)), Self);
            Publish(new TaskEvent(started.TaskId, TaskState.Running, started.Attempt));
        }
    }

    private void AttemptDone(AttemptFinished f)
    {
        _schedulerFull = false;
        if (ForwardFinished(f))
        {
            Pump();
            return;
        }

        var id = f.Task.Id;
        var state = _table.StateOf(id);
        var runBase = _table.RunBaseOf(id);
        if (state is null || state.Value.IsTerminal() || f.Attempt <= runBase)
        {
            if (state is { } s && s.IsTerminal() && f.Outcome is AttemptOutcome.Succeeded or AttemptOutcome.Failed or AttemptOutcome.TimedOut)
            {
                _duplicateResults++; // a second result of a finished task (e.g. from a member it was handed off from): the first one stands
            }

            Pump(); // finished, or the end of an attempt of an earlier run (cancelled, then run again)
            return;
        }

        if (StaleOrOwnerStopping(f))
        {
            Pump();
            return;
        }

        switch (f.Outcome)
        {
            case AttemptOutcome.Succeeded:
                var fingerprint = _inputFingerprints.GetValueOrDefault(id);
                Finish(new TaskResult(id, TaskState.Succeeded, f.Output, null, f.Attempt, f.DurationMs, InputFingerprint: fingerprint));
                if (_options.CacheEnabled && f.Task.Cache && f.Output is { } output && CacheKeyOrNull(f.Task, fingerprint) is { } key)
                {
                    _cache.Tell(new CachePut(key, output), Self);
                }

                break;
            case AttemptOutcome.Failed or AttemptOutcome.TimedOut when f.Attempt - runBase <= (f.Task.MaxRetries ?? _options.DefaultMaxRetries):
                var delay = Backoff.Delay(f.Attempt - runBase, f.Task.BackoffBase ?? _options.BackoffBase, f.Task.BackoffMax ?? _options.BackoffMax, _jitter);
                _table.MarkRetrying(id, f.Attempt);
                _history.Tell(new RecordEvent(new TaskRetrying(id, f.Attempt, f.Error ?? "failed", delay.TotalMilliseconds, Now)), Self);
                Publish(new TaskEvent(id, TaskState.Retrying, f.Attempt, Message: f.Error));
                Timers.StartSingleTimer("retry:" + id, new RetryDue(f.Task, f.Attempt + 1), delay);
                break;
            case AttemptOutcome.TimedOut:
                Finish(new TaskResult(id, TaskState.TimedOut, null, f.Error, f.Attempt, f.DurationMs));
                break;
            case AttemptOutcome.Cancelled:
                Finish(new TaskResult(id, TaskState.Cancelled, null, f.Error ?? "cancelled", f.Attempt, f.DurationMs));
                break;
            default:
                Finish(new TaskResult(id, TaskState.Failed, null, f.Error, f.Attempt, f.DurationMs));
                break;
        }

        Pump();
    }

    private void Cancel(CancelTask cancel)
    {
        var state = _table.StateOf(cancel.TaskId);
        if (state is null)
        {
            Sender.Tell(new CancelResult(cancel.TaskId, false, $"unknown task '{cancel.TaskId}'"), Self);
            return;
        }

        if (state.Value.IsTerminal())
        {
            Sender.Tell(new CancelResult(cancel.TaskId, false, $"task '{cancel.TaskId}' already {state.Value.ToString().ToLowerInvariant()}"), Self);
            return;
        }

        if (state is TaskState.Queued or TaskState.Running)
        {
            _scheduler.Tell(new Dequeue(cancel.TaskId), Self);
            CancelPlaced(cancel.TaskId);
        }

        _awaitingCache.Remove(cancel.TaskId);
        Finish(new TaskResult(cancel.TaskId, TaskState.Cancelled, null, "cancelled by request", _table.AttemptOf(cancel.TaskId), 0));
        Sender.Tell(new CancelResult(cancel.TaskId, true, null), Self);
        Pump();
    }

    private void Finish(TaskResult result)
    {
        if (_table.StateOf(result.TaskId) is not { } state || state.IsTerminal())
        {
            return;
        }

        _inputFingerprints.Remove(result.TaskId);
        _progress.Remove(result.TaskId);
        var dependents = _table.Complete(result);
        if (Distributed)
        {
            Placed(result.TaskId);
            Tick();
        }

        RecordFinished(result);
        RecordFinished(dependents);
    }

    private void RecordFinished(IReadOnlyList<TaskResult> results)
    {
        foreach (var r in results)
        {
            RecordFinished(r);
        }
    }

    private void RecordFinished(TaskResult r)
    {
        _history.Tell(new RecordEvent(new TaskFinished(r, Now)), Self);
        ReplicateFinished(r);
        PushResult(r);
        Publish(new TaskEvent(r.TaskId, r.State, r.Attempts, r));
    }

    private void Publish(TaskEvent e)
    {
        foreach (var s in _subscribers)
        {
            s.Tell(e, Self);
        }
    }
}
