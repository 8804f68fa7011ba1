using System.Collections.Concurrent;
using AkkaCompute.Actors.Event;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Actors;

/// <summary>The runtime behind <see cref="ActorSystem"/>: guardians, dispatchers, uids and termination.</summary>
internal sealed class ActorSystemImpl : ActorSystem
{
    private readonly ConcurrentDictionary<string, MessageDispatcher> _dispatchers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, object> _extensions = new();
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RootActorPath _rootPath;
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private long _nextUid;
    private long _tempCounter;
    private int _finalTerminateStarted;

    public ActorSystemImpl(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        TimeProvider = settings.TimeProvider;
        LoggerFactory = settings.LoggerFactory;
        Log = LoggerFactory.CreateLogger("AkkaCompute.Actors.ActorSystem");
        var seed = settings.RandomSeed ?? Random.Shared.Next();
        _random = new Random(seed);
        _nextUid = ((long)seed << 20) ^ TimeProvider.GetTimestamp();
        Address = new Address(Actors.Address.LocalProtocol, name);
        _rootPath = new RootActorPath(Address);
        EventStream = new EventStream();
        DeadLetterRef = new DeadLetterActorRef(this, _rootPath / "deadLetters");
        Scheduler = new TimeProviderScheduler(TimeProvider);
        _dispatchers[Props.DefaultDispatcherId] = new ThreadPoolDispatcher(Props.DefaultDispatcherId, settings.Throughput);
        _dispatchers[ActorSystemSettings.BlockingDispatcherId] = new DedicatedThreadDispatcher(ActorSystemSettings.BlockingDispatcherId, settings.Throughput, settings.BlockingDispatcherThreads);
        foreach (var d in settings.Dispatchers)
        {
            _dispatchers[d.Id] = d.Kind == DispatcherKind.ThreadPool
                ? new ThreadPoolDispatcher(d.Id, d.Throughput)
                : new DedicatedThreadDispatcher(d.Id, d.Throughput, d.ThreadCount);
        }

        var walker = new TheOneWhoWalksTheBubblesOfSpaceTime(this, _rootPath / "bubble-walker");
        RootCell = new ActorCell(this, _rootPath, Props.Create(() => new RootGuardian()), walker, _dispatchers[Props.DefaultDispatcherId], null);
        RootCell.Start();
        UserGuardian = (LocalActorRef)RootCell.ActorOf(Props.Create(() => new GuardianActor()).WithSupervisorStrategy(settings.GuardianSupervisorStrategy), "user");
        SystemGuardian = (LocalActorRef)RootCell.ActorOf(Props.Create(() => new GuardianActor()), "system");
        RootCell.SelfRef.Tell(new RootGuardian.Init(UserGuardian, SystemGuardian), ActorRefs.NoSender);
    }

    public override string Name { get; }

    public override ActorSystemSettings Settings { get; }

    public override Address Address { get; }

    public override EventStream EventStream { get; }

    public override IActorRef DeadLetters => DeadLetterRef;

    public override long DeadLetterCount => DeadLetterRef.Count;

    public override IScheduler Scheduler { get; }

    public override TimeProvider TimeProvider { get; }

    public override Task WhenTerminated => _terminated.Task;

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Log { get; }

    public DeadLetterActorRef DeadLetterRef { get; }

    public ActorCell RootCell { get; }

    public LocalActorRef UserGuardian { get; }

    public LocalActorRef SystemGuardian { get; }

    /// <summary>Resolves paths of other systems (set by the remoting layer); null means local only.</summary>
    public Func<ActorPath, ActorRefBase?>? RemoteResolver { get; set; }

    /// <summary>This system's network address once remoting has started (paths with it are local); null when local only.</summary>
    public Address? RemoteAddress { get; set; }

    private readonly List<Func<Task>> _terminationHooks = [];

    /// <summary>Registers work that runs after every actor has stopped and before <see cref="WhenTerminated"/> completes (e.g. flushing remoting).</summary>
    public void RegisterTerminationHook(Func<Task> hook)
    {
        lock (_terminationHooks)
        {
            _terminationHooks.Add(hook);
        }
    }

    public override MessageDispatcher Dispatcher(string id) =>
        _dispatchers.TryGetValue(id, out var d) ? d : throw new ConfigurationException("props.dispatcher", id, $"no dispatcher with this id is configured (known: {string.Join(", ", _dispatchers.Keys.Order())})");

    public override IActorRef ActorOf(Props props, string? name = null) => UserGuardian.Cell.ActorOf(props, name);

    /// <summary>Creates a top-level actor under <c>/system</c> (for runtime services).</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => SystemGuardian.Cell.ActorOf(props, name);

    public override ActorSelection ActorSelection(string path) => SelectFrom(RootCell.SelfRef, path);

    public override void Stop(IActorRef actor)
    {
        if (actor is ActorRefBase r)
        {
            r.Stop();
        }
    }

    public override Task Terminate() => CoordinatedShutdown.Get(this).Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance).ContinueWith(_ => WhenTerminated, TaskScheduler.Default).Unwrap();

    public override T GetOrAddExtension<T>(Func<ActorSystem, T> factory) => (T)_extensions.GetOrAdd(typeof(T), _ => factory(this));

    /// <summary>Stops the guardians: /user first, then /system, then the root; completes when all have stopped.</summary>
    public Task FinalTerminate()
    {
        if (Interlocked.Exchange(ref _finalTerminateStarted, 1) == 0)
        {
            UserGuardian.Stop();
        }

        return WhenTerminated;
    }

    public LocalActorRef CreateActor(Props props, ActorCell parent, ActorPath path)
    {
        if (props.RouterConfig is { } router)
        {
            props = router.CreateRouterActorProps(props);
        }

        var dispatcher = Dispatcher(props.Dispatcher);
        var cell = new ActorCell(this, path.WithUid(NextUid()), props, parent.SelfRef, dispatcher, props.Mailbox);
        return cell.SelfRef;
    }

    public long NextUid()
    {
        var uid = Interlocked.Increment(ref _nextUid);
        return uid == ActorPath.UndefinedUid ? Interlocked.Increment(ref _nextUid) : uid;
    }

    public int NextRandom(int maxExclusive)
    {
        lock (_randomLock)
        {
            return _random.Next(maxExclusive);
        }
    }

    public ActorPath NewTempPath() => _rootPath / "temp" / ("$" + Interlocked.Increment(ref _tempCounter).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public ActorSelection SelectFrom(ActorRefBase anchor, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains("://", StringComparison.Ordinal))
        {
            var full = ActorPath.Parse(path);
            if (!full.Address.Equals(Address) && !full.Address.Equals(RemoteAddress))
            {
                var remote = RemoteResolver?.Invoke(full) ?? throw new ActorNotFoundException($"cannot select {path}: address {full.Address} is not this system ({Address}) and remoting is not enabled");
                return new ActorSelection(this, remote, []);
            }

            return new ActorSelection(this, RootCell.SelfRef, [.. full.Elements]);
        }

        if (path.StartsWith('/'))
        {
            return new ActorSelection(this, RootCell.SelfRef, path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }

        return new ActorSelection(this, anchor, path.Split('/', StringSplitOptions.RemoveEmptyEntries));
    }

    internal void OnRootTerminated()
    {
        foreach (var d in _dispatchers.Values)
        {
            d.Shutdown();
        }

        Func<Task>[] hooks;
        lock (_terminationHooks)
        {
            hooks = [.. _terminationHooks];
        }

        if (hooks.Length == 0)
        {
            _terminated.TrySetResult();
            return;
        }

        _ = Task.Run(async () =>
        {
            foreach (var hook in hooks)
            {
                try
                {
                    await hook().ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Log.LogError(e, "termination hook failed: {Message}", e.Message);
                }
            }

            _terminated.TrySetResult();
        });
    }

    /// <summary>The parent of the root guardian: restarts it on failure and completes termination when it stops.</summary>
    private sealed class TheOneWhoWalksTheBubblesOfSpaceTime(ActorSystemImpl system, ActorPath path) : MinimalActorRef
    {
        public override ActorPath Path => path;

        public override void Tell(object message, IActorRef sender)
        {
        }

        internal override void SendSystemMessage(SystemMessage message)
        {
            switch (message)
            {
                case Failed f:
                    system.Log.LogError(f.Cause, "root guardian failed: {Message}", f.Cause.Message);
                    f.Child.SendSystemMessage(new Resume(f.Cause));
                    break;
                case DeathWatchNotification:
                    system.OnRootTerminated();
                    break;
            }
        }
    }
}
