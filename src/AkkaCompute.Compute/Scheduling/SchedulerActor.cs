using AkkaCompute.Actors;
using AkkaCompute.Compute.Protocol;

namespace AkkaCompute.Compute.Scheduling;

/// <summary>Scheduler limits and aging.</summary>
/// <param name="MaxConcurrent">Attempts running at once (the executor pool's size); at least 1.</param>
/// <param name="AgingInterval">How long a task waits before it gains priority; positive.</param>
/// <param name="AgingStep">Priority gained per interval waited; 0 turns aging off.</param>
/// <param name="MaxQueued">Most queued tasks; beyond it an Enqueue is refused.</param>
public sealed record SchedulerOptions(int MaxConcurrent, TimeSpan AgingInterval, int AgingStep = 1, int MaxQueued = 1_000_000);

/// <summary>
/// Orders ready tasks by priority in a <see cref="ScheduleQueue"/> (a Fibonacci heap: stable FIFO
/// among equal priorities, decrease-key for aging and re-prioritising) and feeds the
/// <see cref="Executors.ExecutorRouter"/> only while it has a free executor, so nothing is buffered
/// beyond capacity. Its own mailbox is a Fibonacci-heap <see cref="PriorityMailbox"/>: cancels,
/// re-prioritisations and attempt reports overtake queued Enqueue messages.
/// Attempt reports are forwarded to the owner (the node's PeerActor).
/// </summary>
public sealed class SchedulerActor : ReceiveActor, IWithTimers
{
    private readonly SchedulerOptions _options;
    private readonly IActorRef _owner;
    private readonly ScheduleQueue _queue;
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private IActorRef _executors = ActorRefs.Nobody;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="options">Limits.</param>
    /// <param name="owner">Receives <see cref="AttemptStarted"/> and <see cref="AttemptFinished"/>.</param>
    /// <param name="executorsProps">Creates the executor pool, given the scheduler's reference.</param>
    public SchedulerActor(SchedulerOptions options, IActorRef owner, Func<IActorRef, Props> executorsProps)
    {
        _options = options;
        _owner = owner;
        _queue = new ScheduleQueue(options.MaxQueued);
        _executors = Context.ActorOf(executorsProps(Self), "executors");

        Receive<Enqueue>(e =>
        {
            if (TryEnqueue(e.Task))
            {
                Dispatch();
            }
        });
        Receive<EnqueueAll>(e =>
        {
            foreach (var task in e.Tasks)
            {
                TryEnqueue(task);
            }

            Dispatch();
        });
        Receive<Dequeue>(d =>
        {
            if (_queue.Remove(d.TaskId) is null && _running.Contains(d.TaskId))
            {
                _executors.Tell(new CancelAttempt(d.TaskId), Self);
            }
        });
        Receive<ReprioritizeTask>(r => Sender.Tell(new ReprioritizeResult(r.TaskId, _queue.Reprioritize(r.TaskId, r.Priority)), Self));
        Receive<AttemptStarted>(s => _owner.Tell(s, Self));
        Receive<AttemptFinished>(f =>
        {
            _running.Remove(f.Task.Id);
            _owner.Tell(f, Self);
            Dispatch();
        });
        Receive<AgingTick>(_ => _queue.Age(Context.System.TimeProvider.GetUtcNow(), _options.AgingInterval, _options.AgingStep));
        Receive<GetSchedulerState>(_ => Sender.Tell(new SchedulerState(_queue.Count, _running.Count), Self));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// Props with the priority mailbox: control messages (priority 0) before <see cref="Enqueue"/> and
    /// <see cref="EnqueueAll"/> (priority 1).
    /// </summary>
    public static Props Props(SchedulerOptions options, IActorRef owner, Func<IActorRef, Props> executorsProps) =>
        Actors.Props.Create(() => new SchedulerActor(options, owner, executorsProps))
            .WithMailbox(new PriorityMailbox(m => m is Enqueue or EnqueueAll ? 1 : 0, options.MaxQueued + 10_000));

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_options.AgingStep > 0)
        {
            Timers.StartPeriodicTimer("aging", AgingTick.Instance, _options.AgingInterval);
        }
    }

    /// <summary>Queues a task, or tells the owner why not.</summary>
    private bool TryEnqueue(QueuedTask task)
    {
        if (_queue.TryEnqueue(task))
        {
            return true;
        }

        var reason = _queue.Contains(task.Spec.Id) ? "already queued" : $"scheduler queue full ({_options.MaxQueued} tasks, scheduler.max-queued)";
        _owner.Tell(new EnqueueRefused(task.Spec.Id, reason), Self);
        return false;
    }

    private void Dispatch()
    {
        while (_running.Count < _options.MaxConcurrent && _queue.TryDequeue() is { } next)
        {
            _running.Add(next.Spec.Id);
            _executors.Tell(new Execute(next.Spec, next.Attempt), Self);
        }
    }
}

/// <summary>Asks the scheduler for its counters.</summary>
public sealed record GetSchedulerState;

/// <summary>The scheduler's counters.</summary>
/// <param name="Queued">Tasks in the queue.</param>
/// <param name="Running">Attempts running.</param>
public sealed record SchedulerState(int Queued, int Running);
