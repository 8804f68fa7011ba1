using Akka.Actor;
using Akka.Event;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Node.Peer;

/// <summary>
/// Delayed and recurring tasks, and tags that route. At acceptance a task's tags add the roles
/// <see cref="ComputeNodeOptions.TagRoles"/> maps them to, a <see cref="TaskSpec.Delay"/> becomes an absolute
/// <see cref="TaskSpec.NotBefore"/> and a recurring task becomes its first occurrence (<see cref="DueTimes"/>), all before
/// the batch is replicated and journaled, so a restart re-arms from the journal without restarting any delay. The
/// <see cref="Compute.Workflows.TaskTable"/> holds tasks not yet due as <see cref="TaskState.Scheduled"/>; one timer on
/// <see cref="ComputeNodeOptions.Clock"/> (never a sleeping thread) wakes the actor at the earliest due time (at most a
/// day ahead; then it re-arms). When an occurrence of a recurring task is taken to run (due, or overdue after a restart or
/// a takeover), its successor is submitted to this node like any batch (durable before it counts); its id is deterministic, so submitting it twice accepts it once.
/// </summary>
public sealed partial class PeerActor
{
    /// <summary>Longest single wait of the due timer: 1 day (a later due time re-arms it when it fires).</summary>
    private static readonly TimeSpan MaxDueWait = TimeSpan.FromDays(1);

    /// <summary>How long to wait before submitting a successor occurrence again after a refusal: 5 s.</summary>
    private static readonly TimeSpan SuccessorRetry = TimeSpan.FromSeconds(5);

    private ITimer? _dueTimer;
    private DateTimeOffset _dueTimerAt;

    private void ScheduleReceives()
    {
        Receive<DueTick>(_ =>
        {
            _dueTimer?.Dispose();
            _dueTimer = null;
            _table.ReleaseDue(Now);
            Pump(); // takes the released tasks; an occurrence taken submits its successor (OccurrenceTaken)
            ArmDueTimer();
        });
        Receive<SuccessorSubmit>(s => SubmitSuccessorNow(s.Occurrence));
        Receive<SuccessorOutcome>(o =>
        {
            if (o.Refusal is not null)
            {
                _log.Warning("the next occurrence {0} could not be accepted ({1}); trying again in {2}", o.Occurrence.Id, o.Refusal, SuccessorRetry);
                Timers.StartSingleTimer("successor:" + o.Occurrence.Id, new SuccessorSubmit(o.Occurrence), SuccessorRetry);
            }
        });
    }

    /// <summary>The batch as this node accepts it (see the type's summary); recurring tasks whose chain is active here become that chain's current occurrence (so they are already known).</summary>
    private IReadOnlyList<TaskSpec> PrepareAcceptance(IReadOnlyList<TaskSpec> tasks)
    {
        var any = _options.TagRoles.Count > 0;
        foreach (var t in tasks)
        {
            any |= t.Delay is not null || t.Cron is not null;
        }

        if (!any)
        {
            return tasks;
        }

        var now = Now;
        var result = new List<TaskSpec>(tasks.Count);
        foreach (var task in tasks)
        {
            var routed = TagRouting.Apply(task, _options.TagRoles);
            if (routed.Cron is not null && routed.RecurrenceOf is null && ActiveOccurrence(routed.Id) is { } current)
            {
                result.Add(current);
                continue;
            }

            if (DueTimes.AtAcceptance(routed, now) is { } accepted)
            {
                result.Add(accepted);
            }
        }

        return result;
    }

    /// <summary>The unfinished occurrence of chain <paramref name="chainId"/> with the latest due time, or null when the chain has none here.</summary>
    private TaskSpec? ActiveOccurrence(string chainId) =>
        _table.Specs
            .Where(s => string.Equals(s.RecurrenceOf, chainId, StringComparison.Ordinal) && _table.StateOf(s.Id) is { } state && !state.IsTerminal())
            .MaxBy(s => s.NotBefore);

    /// <summary>
    /// <c>akc cancel CHAIN</c> for a recurring task's id: cancels every unfinished occurrence of the chain held here, which
    /// stops it (a cancelled occurrence never becomes due, so it submits no successor). False when no occurrence of such a
    /// chain is unfinished here (then the id is handled as any task id).
    /// </summary>
    private bool CancelChain(CancelTask cancel)
    {
        if (_table.StateOf(cancel.TaskId) is not null)
        {
            return false;
        }

        var occurrences = _table.Specs
            .Where(s => string.Equals(s.RecurrenceOf, cancel.TaskId, StringComparison.Ordinal) && _table.StateOf(s.Id) is { } state && !state.IsTerminal())
            .Select(s => s.Id)
            .ToList();
        if (occurrences.Count == 0)
        {
            return false;
        }

        foreach (var id in occurrences)
        {
            if (_table.StateOf(id) is TaskState.Queued or TaskState.Running)
            {
                _scheduler.Tell(new Dequeue(id), Self);
                CancelPlaced(id);
            }

            _awaitingCache.Remove(id);
            Finish(new TaskResult(id, TaskState.Cancelled, null, $"recurring task '{cancel.TaskId}' cancelled by request", _table.AttemptOf(id), 0));
        }

        Sender.Tell(new CancelResult(cancel.TaskId, true, null), Self);
        Pump();
        return true;
    }

    /// <summary>
    /// A result asked for by a recurring task's id (not a task id itself): while its chain has an unfinished occurrence here,
    /// the answer is that the chain has not finished (with that occurrence's state), so that <c>akc cancel</c> and the REST
    /// API find it. False when the id is a task's or no such chain is active here.
    /// </summary>
    private bool ChainState(GetTaskResult g)
    {
        if (_table.StateOf(g.TaskId) is not null || ActiveOccurrence(g.TaskId) is not { } current)
        {
            return false;
        }

        Sender.Tell(new TaskNotFinished(g.TaskId, _table.StateOf(current.Id)), Self);
        return true;
    }

    /// <summary>
    /// After recovery or a takeover: a chain whose latest occurrence finished (not cancelled) without its successor being
    /// accepted (the node stopped between the two, or the successor was refused) gets its successor now: the first
    /// occurrence after the finished one's due time, so occurrences missed meanwhile fire once (at once, being overdue),
    /// not never; the one after that is the first after now.
    /// </summary>
    private void RepairChains()
    {
        var latest = _table.Specs
            .Where(s => s.RecurrenceOf is not null)
            .GroupBy(s => s.RecurrenceOf!, StringComparer.Ordinal)
            .Select(g => g.MaxBy(s => s.NotBefore)!);
        foreach (var spec in latest)
        {
            if (_table.StateOf(spec.Id) is { } state && state.IsTerminal() && state != TaskState.Cancelled)
            {
                SubmitSuccessor(spec, after: spec.NotBefore ?? Now);
            }
        }
    }

    /// <summary>
    /// A task was taken to run (due, or overdue when accepted or recovered): when it is an occurrence of a recurring task,
    /// its successor is submitted. Taking it again (e.g. after the scheduler was full) submits the same id, which is
    /// already known, so it is accepted once.
    /// </summary>
    private void OccurrenceTaken(TaskSpec spec)
    {
        if (spec.RecurrenceOf is not null)
        {
            SubmitSuccessor(spec, after: Now);
        }
    }

    /// <summary>Arms the due timer for the earliest held task, unless it is already armed for that time or earlier.</summary>
    private void ArmDueTimer()
    {
        if (_table.NextDue is not { } due || (_dueTimer is not null && _dueTimerAt <= due))
        {
            return;
        }

        _dueTimer?.Dispose();
        var wait = due - Now;
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxDueWait ? MaxDueWait : wait;
        _dueTimerAt = due;
        var self = Self;
        _dueTimer = _options.Clock.CreateTimer(static s => ((IActorRef)s!).Tell(DueTick.Instance, ActorRefs.NoSender), self, wait, Timeout.InfiniteTimeSpan);
    }

    private void StopDueTimer()
    {
        _dueTimer?.Dispose();
        _dueTimer = null;
    }

    /// <summary>Submits the occurrence that follows <paramref name="occurrence"/>: the first one after the later of its due time and <paramref name="after"/>.</summary>
    private void SubmitSuccessor(TaskSpec occurrence, DateTimeOffset after)
    {
        if (Recurrence.Successor(occurrence, after) is { } next)
        {
            SubmitSuccessorNow(next);
        }
    }

    private void SubmitSuccessorNow(TaskSpec next)
    {
        var self = Self;
        self.Ask(new SubmitBatch([next]), _options.HistoryWriteTimeout + _options.AcceptanceTimeout)
            .PipeTo(self, success: answer => new SuccessorOutcome(next, answer is BatchRefused r ? r.Reason : null), failure: e => new SuccessorOutcome(next, e.Message));
    }

    /// <summary>The due timer fired.</summary>
    private sealed class DueTick
    {
        public static readonly DueTick Instance = new();
    }

    /// <summary>Submit this occurrence (again, after a refusal).</summary>
    private sealed record SuccessorSubmit(TaskSpec Occurrence);

    /// <summary>How the submission of a successor occurrence ended: accepted (null refusal) or why not.</summary>
    private sealed record SuccessorOutcome(TaskSpec Occurrence, string? Refusal);
}
