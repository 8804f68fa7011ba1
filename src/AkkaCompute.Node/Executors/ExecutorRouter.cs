using Akka.Actor;
using AkkaCompute.Compute.Protocol;

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
/// Why not an <c>Akka.Routing</c> pool: a pool's routing logic picks a routee without knowing which executor is idle
/// (<c>SmallestMailboxPool</c> counts queued messages, not running attempts, so a second attempt can queue behind a
/// long one while another executor idles), and no routing logic can address the routee that runs a given task, which
/// a cancel needs. So the pool is this actor, which tracks idle and busy executors itself.
/// </remarks>
public sealed class ExecutorRouter : ReceiveActor
{
    private readonly Stack<IActorRef> _idle = new();
    private readonly Dictionary<string, IActorRef> _runningBy = new(StringComparer.Ordinal);

    /// <summary>Creates the pool.</summary>
    /// <param name="size">Executors; at least 1.</param>
    /// <param name="executorProps">Props of one executor.</param>
    /// <param name="scheduler">Receives attempt reports.</param>
    public ExecutorRouter(int size, Props executorProps, IActorRef scheduler)
    {
        for (var i = 0; i < size; i++)
        {
            _idle.Push(Context.ActorOf(executorProps, "executor-" + i));
        }

        Receive<Execute>(e =>
        {
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
        Receive<AttemptFinished>(f =>
        {
            if (_runningBy.Remove(f.Task.Id, out var executor))
            {
                _idle.Push(executor);
            }

            scheduler.Tell(f, Self);
        });
    }

    /// <summary>Number of executors in the pool.</summary>
    public int Size => _idle.Count + _runningBy.Count;

    /// <summary>Props for the pool.</summary>
    public static Props Props(int size, Props executorProps, IActorRef scheduler)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return Akka.Actor.Props.Create(() => new ExecutorRouter(size, executorProps, scheduler));
    }
}
