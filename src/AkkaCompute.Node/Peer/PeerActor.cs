using Akka.Actor;
using Akka.Event;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Compute.Workflows;
using AkkaCompute.Node.Caching;
using AkkaCompute.Node.Executors;
using AkkaCompute.Node.History;
using AkkaCompute.Node.Quotas;
using AkkaCompute.Node.Scheduling;

namespace AkkaCompute.Node.Peer;

/// <summary>
/// The node's top actor. It accepts batches (validated, quota-checked, journaled by the history
/// before the acknowledgement), keeps the workflow state in a <see cref="TaskTable"/>, sends ready
/// tasks through the cache to the scheduler, retries failed attempts after an exponential backoff
/// with jitter, records every transition in the history and publishes <see cref="TaskEvent"/>s.
/// On start it resumes from the history: finished tasks are not run again, the rest are re-queued.
/// A resubmitted task id is refused when its recorded definition differs, not run again when it succeeded (with the
/// same input files: <see cref="ComputeNodeOptions.InputFingerprintOf"/>) or is in progress, and run again (accepted anew,
/// with a fresh retry budget) when it failed, timed out or was cancelled, or succeeded but its input files changed since
/// (then its succeeded dependents in the batch run again too).
/// Children: history, cache, quota, scheduler (which owns the executor router).
/// </summary>
public sealed partial class PeerActor : ReceiveActor, IWithStash, IWithTimers
{
    private readonly ComputeNodeOptions _options;
    private readonly TaskTable _table;
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly Random _jitter;
    private readonly IActorRef _history;
    private readonly IActorRef _cache;
    private readonly IActorRef _quota;
    private readonly IActorRef _scheduler;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, (TaskSpec Spec, int Attempt)> _awaitingCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _inputFingerprints = new(StringComparer.Ordinal);
    private bool _schedulerFull;

    /// <summary>Set when this actor restarted (its history failed): once the view is back, it takes its own accepted entries back from the replicas.</summary>
    private bool _recoverOwn;

    /// <summary>Creates the node.</summary>
    public PeerActor(ComputeNodeOptions options)
    {
        _options = options;
        _table = new TaskTable(options.Clock);
        _jitter = new Random(options.RandomSeed);
        _history = Context.ActorOf(options.HistoryProps, "history");
        _cache = Context.ActorOf(CacheActor.Props(options.CacheMaxEntries, options.CacheTtl, options.Clock), "cache");
        _quota = Context.ActorOf(QuotaActor.Props(options.Quotas, options.Clock), "quota");
        var executorProps = ExecutorActor.Props(options.Runner, options.DefaultTimeout, options.Clock, options.TimeoutGrace);
        _scheduler = Context.ActorOf(
            SchedulerActor.Props(
                new SchedulerOptions(options.MaxConcurrent, options.AgingInterval, options.AgingStep, options.MaxQueued, options.Clock),
                Self,
                scheduler => ExecutorRouter.Props(options.MaxConcurrent, executorProps, scheduler, options.MaxAbandoned)),
            "scheduler");
        Context.Watch(_history);
        StartDistributed();
        Recovering();
    }

    /// <inheritdoc />
    public IStash Stash { get; set; } = null!;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the node.</summary>
    /// <param name="options">What the node needs.</param>
    public static Props Props(ComputeNodeOptions options) => Akka.Actor.Props.Create(() => new PeerActor(options));

    /// <inheritdoc />
    protected override void PreStart()
    {
        _history.Tell(new GetRecoveredState(), Self);
        StartStealing();
        StartAcceptance();
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        StopDueTimer();
        StopDistributed();
    }

    /// <summary>
    /// Before a restart (the history actor stopped), hands the event subscribers to the next incarnation through the
    /// mailbox, which survives the restart; the next one takes them before its recovered state arrives, so it also tells
    /// them about tasks that fail on recovery.
    /// </summary>
    protected override void PreRestart(Exception reason, object message)
    {
        if (_subscribers.Count > 0)
        {
            Self.Tell(new RestoreSubscribers([.. _subscribers]), Self);
        }

        base.PreRestart(reason, message);
    }

    /// <summary>After a restart (the history failed), takes back from the replicas what the journal may have missed (<see cref="_recoverOwn"/>).</summary>
    protected override void PostRestart(Exception reason)
    {
        _recoverOwn = Distributed;
        base.PostRestart(reason);
    }

    private void Recovering()
    {
        Receive<RecoveredState>(state =>
        {
            var failed = _table.Restore(state.Finished, state.Incomplete, state.RunBases);
            RecordFinished(failed);
            Become(Ready);
            Stash.UnstashAll();
            Pump();
            RepairChains();
            if (_recoverOwn)
            {
                Self.Tell(TakeOver.Instance, Self); // after the membership events stashed meanwhile
            }
        });
        Receive<Terminated>(t => t.ActorRef.Equals(_history), _ => HistoryDied());
        Receive<RestoreSubscribers>(r =>
        {
            foreach (var subscriber in r.Subscribers)
            {
                _subscribers.Add(subscriber);
                Context.Watch(subscriber);
            }
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private void Ready()
    {
        ReceiveAsync<SubmitBatch>(Submit);
        DistributedReceives();
        AcceptanceReceives();
        StealingReceives();
        ScheduleReceives();
        WatchReceives();
        Receive<Redispatch>(_ => Pump());
        Receive<CheckTasks>(c => Sender.Tell(new TasksChecked(_table.Conflicts(c.Tasks).Select(id => new TaskConflict(id, TaskTable.ConflictReason(id))).ToList()), Self));
        Receive<CacheLookupResults>(CacheAnswered);
        Receive<AttemptStarted>(Started);
        Receive<AttemptProgress>(Progressed);
        Receive<AttemptFinished>(AttemptDone);
        Receive<RetryDue>(r =>
        {
            if (_table.MarkRequeued(r.Task.Id, r.Attempt))
            {
                Dispatch([new QueuedTask(r.Task, r.Attempt, Now)]);
            }
        });
        Receive<EnqueueRefused>(r =>
        {
            if (ForwardRefused(r) || RemoteRefused(r))
            {
                return;
            }

            _schedulerFull = true;
            _table.Untake(r.TaskId);
        });
        Receive<CancelTask>(c =>
        {
            if (!CancelChain(c) && !AskOthersAbout(c.TaskId, c.HomeOnly, c with { HomeOnly = true }, CombineCancel))
            {
                Cancel(c);
            }
        });
        Receive<ReprioritizeTask>(r => _scheduler.Forward(r));
        Receive<SubscribeTaskEvents>(_ =>
        {
            _subscribers.Add(Sender);
            Context.Watch(Sender);
        });
        Receive<GetNodeStatus>(_ => Sender.Tell(Status(), Self));
        Receive<GetTaskResult>(g => { if (!ChainState(g)) GetResult(g); });
        Receive<GetTaskResults>(GetResults);
        Receive<QueryHistory>(q => _history.Forward(q));
        Receive<GetHistoryStats>(q => _history.Forward(q));
        Receive<FlushHistory>(q => _history.Forward(q));
        Receive<GetCacheStats>(q => _cache.Forward(q));
        Receive<GetExecutorStats>(q => Context.ActorSelection(_scheduler.Path / "executors").Tell(q, Sender));
        Receive<Terminated>(t =>
        {
            if (t.ActorRef.Equals(_history))
            {
                HistoryDied();
            }
            else
            {
                _subscribers.Remove(t.ActorRef);
                ForgetWatcher(t.ActorRef);
            }
        });
    }

    private DateTimeOffset Now => _options.Clock.GetUtcNow();

    /// <summary>The subscribers of the previous incarnation (see <see cref="PreRestart"/>).</summary>
    private sealed record RestoreSubscribers(IReadOnlyList<IActorRef> Subscribers);

    private void HistoryDied() =>
        throw new InvalidOperationException("the history actor stopped (journal failure); the node cannot record tasks and restarts");

    private NodeStatus Status() => new(
        _table.Count,
        _table.CountIn(TaskState.Accepted),
        _table.CountIn(TaskState.Queued),
        _table.CountIn(TaskState.Running),
        _table.CountIn(TaskState.Retrying),
        _table.CountIn(TaskState.Succeeded),
        _table.CountIn(TaskState.Failed) + _table.CountIn(TaskState.TimedOut),
        _table.CountIn(TaskState.Cancelled),
        _table.CountIn(TaskState.Scheduled));

    private sealed record RetryDue(TaskSpec Task, int Attempt);
}
