using Akka.Actor;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Scheduling;

namespace AkkaCompute.Node.Scheduling;

/// <summary>Scheduler limits and aging.</summary>
/// <param name="MaxConcurrent">Attempts running at once (the executor pool's size); at least 1.</param>
/// <param name="AgingInterval">How long a task waits before it gains priority; positive.</param>
/// <param name="AgingStep">Priority gained per interval waited; 0 turns aging off.</param>
/// <param name="MaxQueued">Most queued tasks; beyond it an Enqueue is refused.</param>
/// <param name="Clock">The clock aging reads (enqueue times come from the tasks); default the system clock.</param>
public sealed record SchedulerOptions(int MaxConcurrent, TimeSpan AgingInterval, int AgingStep = 1, int MaxQueued = 1_000_000, TimeProvider? Clock = null);

/// <summary>
/// Orders ready tasks by priority in a <see cref="ScheduleQueue"/> (a Fibonacci heap: stable FIFO
/// among equal priorities, decrease-key for aging and re-prioritising) and feeds the
/// <see cref="Executors.ExecutorRouter"/> only while it has a free executor, so nothing is buffered
/// beyond capacity. Its own mailbox is the Fibonacci-heap <see cref="SchedulerMailbox"/> (HOCON <see cref="MailboxPath"/>):
/// cancels, re-prioritisations and attempt reports overtake queued Enqueue messages, and tasks arrive by priority.
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
        Receive<AttemptProgress>(p => _owner.Tell(p, Self));
        Receive<AttemptFinished>(f =>
        {
            _running.Remove(f.Task.Id);
            _owner.Tell(f, Self);
            Dispatch();
        });
        Receive<AgingTick>(_ => _queue.Age((_options.Clock ?? TimeProvider.System).GetUtcNow(), _options.AgingInterval, _options.AgingStep));
        Receive<GetSchedulerState>(_ => Sender.Tell(new SchedulerState(_queue.Count, _running.Count), Self));
        Receive<GetQueueDepths>(_ => Sender.Tell(GetQueueDepths.Of(_queue), Self));
        Receive<TakeQueued>(t =>
        {
            var taken = new List<QueuedTask>(Math.Min(t.Max, _queue.Count));
            while (taken.Count < t.Max && _queue.TryDequeue() is { } next)
            {
                taken.Add(next);
            }

            Sender.Tell(new QueuedTaken(taken, t.Thief), Self);
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The HOCON path of the scheduler's mailbox (<see cref="SchedulerMailbox"/>), defined in the node's configuration.</summary>
    public const string MailboxPath = "akc.scheduler.mailbox";

    /// <summary>
    /// Props with the Fibonacci-heap mailbox at <see cref="MailboxPath"/>: control messages before <see cref="Enqueue"/> and
    /// <see cref="EnqueueAll"/>, tasks by priority.
    /// </summary>
    public static Props Props(SchedulerOptions options, IActorRef owner, Func<IActorRef, Props> executorsProps) =>
        Akka.Actor.Props.Create(() => new SchedulerActor(options, owner, executorsProps)).WithMailbox(MailboxPath);

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

        var reason = _queue.Contains(task.Spec.Id) ? "already queued" : $"scheduler queue full ({_options.MaxQueued} tasks, akc.scheduler.max-queued)";
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

/// <summary>
/// Takes up to <paramref name="Max"/> queued (never running) tasks out of the scheduler, highest priority first, for a
/// member that steals them; the answer is a <see cref="QueuedTaken"/> (possibly empty).
/// </summary>
/// <param name="Max">The most tasks to take, 1 or more.</param>
/// <param name="Thief">The stealing member's PeerActor (carried back in the answer).</param>
public sealed record TakeQueued(int Max, IActorRef Thief);

/// <summary>The tasks a <see cref="TakeQueued"/> took out of the queue (they are no longer the scheduler's).</summary>
/// <param name="Tasks">The tasks, highest priority first.</param>
/// <param name="Thief">The stealing member's PeerActor.</param>
public sealed record QueuedTaken(IReadOnlyList<QueuedTask> Tasks, IActorRef Thief);

/// <summary>Asks the scheduler for its counters.</summary>
public sealed record GetSchedulerState;

/// <summary>The scheduler's counters.</summary>
/// <param name="Queued">Tasks in the queue.</param>
/// <param name="Running">Attempts running.</param>
public sealed record SchedulerState(int Queued, int Running);
