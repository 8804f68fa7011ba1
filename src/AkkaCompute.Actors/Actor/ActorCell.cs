using Microsoft.Extensions.Logging;

namespace AkkaCompute.Actors;

/// <summary>
/// The runtime state of one actor incarnation chain: its mailbox, children, watchers and behaviour.
/// All mutable state is touched only on the actor's turn (the mailbox run), except the children
/// map, which is an immutable map swapped by compare-and-swap so ActorOf may be called from any thread.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic]
    private static ActorCell? _current;

    private readonly Mailbox _mailbox;
    private ActorBase? _actor;
    private Envelope _currentEnvelope;
    private Receive? _behavior;
    private CellExtras? _extras;
    private volatile int _state;

    private const int StateTerminating = 1;
    private const int StateTerminated = 2;
    private const int StateCreating = 4;
    private const int StateFailed = 8;

    public ActorCell(ActorSystemImpl system, ActorPath path, Props props, ActorRefBase parent, MessageDispatcher dispatcher, MailboxType? mailboxType)
    {
        SystemImpl = system;
        Props = props;
        ParentRef = parent;
        Dispatcher = dispatcher;
        _mailbox = new Mailbox((mailboxType ?? UnboundedMailbox.Instance).CreateQueue());
        SelfRef = new LocalActorRef(this, path);
        _mailbox.SetActor(this, dispatcher);
    }

    /// <summary>The cell whose turn runs on this thread, or null.</summary>
    public static ActorCell? Current
    {
        get => _current;
        set => _current = value;
    }

    public ActorSystemImpl SystemImpl { get; }

    public LocalActorRef SelfRef { get; }

    public ActorRefBase ParentRef { get; }

    public Props Props { get; }

    public MessageDispatcher Dispatcher { get; }

    public Mailbox Mailbox => _mailbox;

    public ActorBase? Actor => _actor;

    public bool IsCreatingActor => (_state & StateCreating) != 0;

    public bool IsTerminating => (_state & (StateTerminating | StateTerminated)) != 0;

    public bool IsTerminated => (_state & StateTerminated) != 0;

    public bool CanProcessMessages => (_state & (StateTerminating | StateTerminated | StateFailed)) == 0 && _actor is not null && _extras?.PendingAsync is null;

    public IActorRef Self => SelfRef;

    public IActorRef Sender => _currentEnvelope.Sender is Nobody or null ? SystemImpl.DeadLetters : _currentEnvelope.Sender;

    public IActorRef Parent => ParentRef;

    public ActorSystem System => SystemImpl;

    public object? CurrentMessage => _currentEnvelope.Message;

    /// <summary>Ordinary messages invoked so far; identifies the current invocation (for the stash).</summary>
    public long InvocationCount { get; private set; }

    public TimeSpan? ReceiveTimeout => _extras?.ReceiveTimeout;

    private CellExtras Extras => _extras ??= new CellExtras();

    public void Start() => _mailbox.PostSystem(new Actors.Create());

    public void Post(object message, IActorRef sender) => _mailbox.Post(new Envelope(message, sender ?? ActorRefs.NoSender));

    public void SendSystemMessage(SystemMessage message) => _mailbox.PostSystem(message);

    /// <summary>Processes one ordinary message on the actor's turn.</summary>
    public void Invoke(in Envelope envelope)
    {
        _currentEnvelope = envelope;
        InvocationCount++;
        try
        {
            var message = envelope.Message;
            if (message is IAutoReceivedMessage)
            {
                AutoReceive(message);
            }
            else
            {
                _actor!.AroundReceive(_behavior, message);
            }

            if (_extras?.ReceiveTimeout is not null && message is not INotInfluenceReceiveTimeout)
            {
                RescheduleReceiveTimeout();
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case Terminated t:
                if (_extras?.TerminatedQueued?.Remove(t.ActorRef) == true)
                {
                    _actor!.AroundReceive(_behavior, t);
                }

                break;
            case PoisonPill:
                Stop(SelfRef);
                break;
            case Kill:
                throw new ActorKilledException($"Kill received by {SelfRef}");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, SelfRef), SelfRef);
                break;
            case TimerMessage timer:
                if (_extras?.Timers?.Accept(timer) == true)
                {
                    if (timer.Message is IAutoReceivedMessage)
                    {
                        AutoReceive(timer.Message);
                    }
                    else
                    {
                        _actor!.AroundReceive(_behavior, timer.Message);
                    }
                }

                break;
            case ReceiveTimeoutTick tick:
                if (_extras is { } ex && ex.ReceiveTimeout is not null && tick.Generation == ex.ReceiveTimeoutGeneration)
                {
                    _actor!.AroundReceive(_behavior, Actors.ReceiveTimeout.Instance);
                    RescheduleReceiveTimeout();
                }

                break;
            default:
                _actor!.AroundReceive(_behavior, message);
                break;
        }
    }

    /// <summary>Processes one system message on the actor's turn.</summary>
    public void SystemInvoke(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case Actors.Create:
                    Create();
                    break;
                case Watch w:
                    AddWatcher(w.Watchee, w.Watcher);
                    break;
                case Unwatch u:
                    RemoveWatcher(u.Watchee, u.Watcher);
                    break;
                case DeathWatchNotification n:
                    WatchedActorTerminated(n.Actor, n.ExistenceConfirmed, n.AddressTerminated);
                    break;
                case Failed f:
                    HandleFailed(f);
                    break;
                case Recreate r:
                    FaultRecreate(r.Cause);
                    break;
                case Suspend:
                    FaultSuspend();
                    break;
                case Resume r:
                    FaultResume(r.CausedByFailure);
                    break;
                case Actors.Terminate:
                    Terminate();
                    break;
                case AsyncContinuation c:
                    RunContinuation(c);
                    break;
                case AsyncCompleted c:
                    AsyncTaskCompleted(c.Task);
                    break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
    }

    public void DeadLetter(in Envelope envelope, string reason)
    {
        if (envelope.Message is DeadLetter)
        {
            SystemImpl.DeadLetters.Tell(envelope.Message, envelope.Sender);
            return;
        }

        SystemImpl.DeadLetterRef.Deliver(new DeadLetter(envelope.Message, envelope.Sender, SelfRef, reason));
    }

    public void Become(Receive receive, bool discardOld = true)
    {
        ArgumentNullException.ThrowIfNull(receive);
        if (discardOld)
        {
            _behavior = receive;
            if (_extras?.BehaviorStack is { Count: > 0 } stack)
            {
                stack[^1] = receive;
            }

            return;
        }

        BecomeStacked(receive);
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        var stack = Extras.BehaviorStack ??= [];
        if (stack.Count == 0)
        {
            stack.Add(_behavior ?? _actor!.ReceiveInternal);
        }

        stack.Add(receive);
        _behavior = receive;
    }

    public void Unbecome()
    {
        if (_extras?.BehaviorStack is { Count: > 1 } stack)
        {
            stack.RemoveAt(stack.Count - 1);
            _behavior = stack[^1];
        }
        else
        {
            _extras?.BehaviorStack?.Clear();
            _behavior = null;
        }
    }

    public ILogger GetLogger() => SystemImpl.LoggerFactory.CreateLogger(_actor?.GetType().FullName ?? Props.ActorType.FullName ?? "actor");

    private void ResetBehavior()
    {
        _behavior = null;
        if (_extras is not null)
        {
            _extras.BehaviorStack = null;
        }
    }

    private void SetState(int flag, bool on) => _state = on ? _state | flag : _state & ~flag;

    /// <summary>State used by few actors, kept apart so that an idle actor stays small.</summary>
    private sealed class CellExtras
    {
        public HashSet<IActorRef>? Watching;
        public HashSet<IActorRef>? WatchedBy;
        public HashSet<IActorRef>? TerminatedQueued;
        public HashSet<ActorRefBase>? StoppingChildren;
        public Dictionary<ActorRefBase, ChildRestartStats>? RestartStats;
        public List<Receive>? BehaviorStack;
        public Exception? PendingRecreate;
        public TimeSpan? ReceiveTimeout;
        public long ReceiveTimeoutGeneration;
        public ITimer? ReceiveTimeoutTimer;
        public TimerScheduler? Timers;
        public Task? PendingAsync;
        public Envelope AsyncEnvelope;
        public ActorSynchronizationContext? SyncContext;
    }
}
