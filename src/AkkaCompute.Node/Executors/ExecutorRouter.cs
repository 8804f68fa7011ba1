using Akka.Actor;
using Akka.Event;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Node.Executors;

/// <summary>
/// A pool of <see cref="ExecutorActor"/>s sized to the node's capacity. It hands each
/// <see cref="Execute"/> to an idle executor (the scheduler sends only when one is free; an
/// Execute with none idle is answered at once as failed, never buffered), routes
/// <see cref="CancelAttempt"/> to the executor running that task, and forwards every
/// <see cref="AttemptStarted"/> and <see cref="AttemptFinished"/> to the scheduler.
/// Executors are supervised one-for-one (restart).
/// </summary>
/// <remarks>
/// <para>
/// It counts the attempts its executors abandoned (<see cref="AttemptAbandoned"/>: functions that ignored their cancellation
/// past the grace) while their code still runs, and answers <see cref="GetExecutorStats"/>. At the bound
/// (<c>akc.executor.max-abandoned</c>) it refuses every new function task at once (outcome Rejected, with an error
/// naming the count and the key) until an abandoned attempt returns (<see cref="AbandonedAttemptEnded"/>) or the node
/// restarts: each abandoned attempt holds a thread-pool thread, and a node that kept starting functions that hang would
/// run out of them. Shell tasks still run: their process group is killed on timeout, so they are never abandoned.
/// </para>
/// </remarks>
/// <remarks>
/// Why not an <c>Akka.Routing</c> pool: a pool's routing logic picks a routee without knowing which executor is idle
/// (<c>SmallestMailboxPool</c> counts queued messages, not running attempts, so a second attempt can queue behind a
/// long one while another executor idles), and no routing logic can address the routee that runs a given task, which
/// a cancel needs. So the pool is this actor, which tracks idle and busy executors itself.
/// </remarks>
public sealed class ExecutorRouter : ReceiveActor
{
    private readonly Stack<IActorRef> _idle = new();
    private readonly Dictionary<string, IActorRef> _runningBy = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly int _maxAbandoned;
    private int _abandonedRunning;
    private long _abandonedTotal;
    private long _refused;

    /// <summary>Creates the pool.</summary>
    /// <param name="size">Executors; at least 1.</param>
    /// <param name="executorProps">Props of one executor.</param>
    /// <param name="scheduler">Receives attempt reports.</param>
    /// <param name="maxAbandoned">
    /// <c>akc.executor.max-abandoned</c>: abandoned attempts still running at which new function tasks are refused; at least 0
    /// (0 refuses function tasks from the first abandoned attempt on).
    /// </param>
    public ExecutorRouter(int size, Props executorProps, IActorRef scheduler, int maxAbandoned = DefaultMaxAbandoned)
    {
        _maxAbandoned = maxAbandoned;
        for (var i = 0; i < size; i++)
        {
            _idle.Push(Context.ActorOf(executorProps, "executor-" + i));
        }

        Receive<Execute>(e =>
        {
            if (e.Task.Kind == TaskKind.Function && _abandonedRunning >= _maxAbandoned)
            {
                _refused++;
                scheduler.Tell(new AttemptFinished(e.Task, e.Attempt, AttemptOutcome.Rejected, null, RefusalReason(), 0), Self);
                return;
            }

            if (!_idle.TryPop(out var executor))
            {
                scheduler.Tell(new AttemptFinished(e.Task, e.Attempt, AttemptOutcome.Failed, null, "no idle executor (scheduler over capacity)", 0), Self);
                return;
            }

            _runningBy[e.Task.Id] = executor;
            executor.Tell(e, Self);
        });
        Receive<CancelAttempt>(c =>
        {
            if (_runningBy.TryGetValue(c.TaskId, out var executor))
            {
                executor.Tell(c, Self);
            }
        });
        Receive<AttemptStarted>(s => scheduler.Tell(s, Self));
        Receive<AttemptProgress>(p => scheduler.Tell(p, Self));
        Receive<AttemptFinished>(f =>
        {
            if (_runningBy.Remove(f.Task.Id, out var executor))
            {
                _idle.Push(executor);
            }

            scheduler.Tell(f, Self);
        });
        Receive<AttemptAbandoned>(a =>
        {
            _abandonedRunning++;
            _abandonedTotal++;
            if (_abandonedRunning == _maxAbandoned)
            {
                _log.Warning("{0}", RefusalReason());
            }
        });
        Receive<AbandonedAttemptEnded>(a =>
        {
            _abandonedRunning = Math.Max(0, _abandonedRunning - 1);
            if (_abandonedRunning == _maxAbandoned - 1)
            {
                _log.Warning("An abandoned attempt (task {0}) returned: {1} still run, below akc.executor.max-abandoned = {2}; function tasks run again", a.TaskId, _abandonedRunning, _maxAbandoned);
            }
        });
        Receive<GetExecutorStats>(_ => Sender.Tell(new ExecutorStats(Size, _runningBy.Count, _abandonedRunning, _abandonedTotal, _maxAbandoned, _refused), Self));
    }

    /// <summary>Default of <c>akc.executor.max-abandoned</c>: 8.</summary>
    public const int DefaultMaxAbandoned = 8;

    /// <summary>Number of executors in the pool.</summary>
    public int Size => _idle.Count + _runningBy.Count;

    /// <summary>Props for the pool.</summary>
    /// <param name="size">Executors; at least 1.</param>
    /// <param name="executorProps">Props of one executor.</param>
    /// <param name="scheduler">Receives attempt reports.</param>
    /// <param name="maxAbandoned"><c>akc.executor.max-abandoned</c>; at least 0. Default <see cref="DefaultMaxAbandoned"/>.</param>
    public static Props Props(int size, Props executorProps, IActorRef scheduler, int maxAbandoned = DefaultMaxAbandoned)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxAbandoned);
        return Akka.Actor.Props.Create(() => new ExecutorRouter(size, executorProps, scheduler, maxAbandoned));
    }

    private string RefusalReason() =>
        $"function tasks refused on this node: {_abandonedRunning} abandoned function attempts (timed out or cancelled, then ignored "
        + $"their cancellation past akc.executor.timeout-grace) still hold threads, the limit akc.executor.max-abandoned = {_maxAbandoned}; "
        + "they run again when one returns or the node restarts (shell tasks still run)";
}
