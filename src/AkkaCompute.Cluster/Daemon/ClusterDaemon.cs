using AkkaCompute.Actors;
using AkkaCompute.Cluster.Protocol;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Cluster.Daemon;

/// <summary>
/// The thin actor around the pure <see cref="ClusterCore"/>, at <c>/system/cluster</c> on every node (Akka's <c>ClusterDaemon</c>).
/// It feeds the core with protocol messages from other nodes' daemons, with operator commands, and with a tick every
/// <see cref="ClusterCore.TickInterval"/> on the system's <see cref="TimeProvider"/> (monotonic time since the daemon started);
/// after each step it sends the core's outbox to <c>{address}/system/cluster</c>, publishes the core's events to subscribers,
/// refreshes the <see cref="ClusterView"/>, and runs <see cref="CoordinatedShutdown"/> once the core reports this node removed.
/// </summary>
/// <remarks>
/// An exception from the core (a bug, or input the wire checks let through) is logged with the message that caused it and the
/// message is dropped: the daemon keeps its state and carries on, it is never restarted with an empty core.
/// </remarks>
internal sealed class ClusterDaemon : ReceiveActor, IWithTimers
{
    /// <summary>The daemon's name under <c>/system</c>.</summary>
    public const string Name = "cluster";

    /// <summary>Cached selections of peer daemons; cleared when it holds this many (10,000) to bound memory.</summary>
    private const int MaxCachedPeers = 10_000;

    private readonly UniqueAddress _self;
    private readonly ClusterSettings _settings;
    private readonly IReadOnlySet<string> _roles;
    private readonly int _randomSeed;
    private readonly ClusterView _view;
    private readonly ClusterRunOptions _options;
    private readonly TimeProvider _clock;
    private readonly long _origin;
    private readonly ClusterSubscribers _subscribers = new();
    private readonly Dictionary<Address, ActorSelection> _peers = [];
    private ClusterCore _core;
    private bool _shutdownStarted;

    public ClusterDaemon(UniqueAddress self, ClusterSettings settings, ClusterView view, ClusterRunOptions options)
    {
        _self = self;
        _settings = settings;
        _roles = settings.Roles.ToHashSet(StringComparer.Ordinal);
        _randomSeed = options.RandomSeed ?? (int)(self.Uid ^ (self.Uid >>> 32));
        _view = view;
        _options = options;
        _clock = Context.System.TimeProvider;
        _origin = _clock.GetTimestamp();
        _core = CreateCore(settings);

        Receive<ClusterMessage>(m => Step(m.GetType().Name, now => _core.Receive(m, now)));
        Receive<ClusterTick>(_ => Step("tick", now => _core.Tick(now)));
        Receive<JoinCommand>(c => Step(c, now => _core.Join(c.Address, now)));
        Receive<JoinSeedNodesCommand>(c => Step(c, now => JoinSeedNodes(c.SeedNodes, now)));
        Receive<LeaveCommand>(c => Step(c, now => _core.Leave(c.Address, now)));
        Receive<DownCommand>(c => Step(c, now => _core.Down(c.Address, now)));
        Receive<SubscribeCommand>(Subscribe);
        Receive<UnsubscribeCommand>(c =>
        {
            if (_subscribers.Remove(c.Subscriber, c.Type))
            {
                Context.Unwatch(c.Subscriber);
            }
        });
        Receive<SendCurrentStateCommand>(c => c.Receiver.Tell(CurrentClusterState.From(_core.LatestGossip, _self), Self));
        Receive<ExitingCompletedCommand>(_ =>
        {
            Step("exiting-completed", now => _core.Tick(now));
            Sender.Tell(Done.Instance, Self);
        });
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef, null));
    }

    /// <summary>Set by the runtime.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of the daemon.</summary>
    public static Props Props(UniqueAddress self, ClusterSettings settings, ClusterView view, ClusterRunOptions options) =>
        Actors.Props.Create(() => new ClusterDaemon(self, settings, view, options));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Step("start", now => _core.Start(now));
        Timers.StartPeriodicTimer(ClusterTick.Instance, ClusterTick.Instance, _core.TickInterval);
        Log.LogInformation("cluster node {Self} started (roles [{Roles}], seed nodes [{Seeds}])", _self, string.Join(", ", _roles), string.Join(", ", _settings.SeedNodes));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _view.MarkTerminated();
        Log.LogInformation("cluster node {Self} stopped", _self);
    }

    private TimeSpan Now => _clock.GetElapsedTime(_origin);

    /// <summary>Runs one step of the core at the current time, then flushes; <paramref name="cause"/> names the input in the log (never a whole gossip).</summary>
    private void Step(object cause, Action<TimeSpan> action)
    {
        try
        {
            action(Now);
        }
        catch (Exception e)
        {
            Log.LogError(e, "cluster core failed on {Cause}; the input is dropped: {Message}", cause, e.Message);
        }

        Flush();
    }

    private void JoinSeedNodes(IReadOnlyList<Address> seeds, TimeSpan now)
    {
        if (_core.LatestGossip.HasMember(_self))
        {
            Log.LogWarning("ignoring JoinSeedNodes [{Seeds}]: {Self} is already a member", string.Join(", ", seeds), _self);
            return;
        }

        Flush();
        _core = CreateCore(_settings with { SeedNodes = [.. seeds] });
        _core.Start(now);
    }

    private ClusterCore CreateCore(ClusterSettings settings) =>
        new(_self, settings, _roles, _randomSeed, _options.CoreOptions with { WallClock = _options.CoreOptions.WallClock ?? _clock });

    private void Flush()
    {
        foreach (var outbound in _core.DrainOutbox())
        {
            Send(outbound);
        }

        _subscribers.Publish(_core.DrainEvents(), Self);
        _view.Update(_core.LatestGossip, _self, _core.IsRemoved);
        if (_core.IsRemoved && !_shutdownStarted && _options.ShutdownWhenRemoved)
        {
            _shutdownStarted = true;
            Log.LogInformation("{Self} was removed from the cluster; running coordinated shutdown", _self);
            _ = CoordinatedShutdown.Get(Context.System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        }
    }

    private void Send(ClusterOutbound outbound)
    {
        if (outbound.To.Equals(_self.Address))
        {
            Self.Tell(outbound.Message, Self);
            return;
        }

        if (!_peers.TryGetValue(outbound.To, out var peer))
        {
            if (_peers.Count >= MaxCachedPeers)
            {
                _peers.Clear();
            }

            peer = Context.System.ActorSelection($"{outbound.To}/system/{Name}");
            _peers[outbound.To] = peer;
        }

        peer.Tell(outbound.Message, ActorRefs.NoSender);
    }

    private void Subscribe(SubscribeCommand c)
    {
        if (!_subscribers.Add(c.Subscriber, c.Types))
        {
            Log.LogWarning("refused cluster subscription of {Subscriber}: {Max} subscribers already", c.Subscriber, ClusterSubscribers.MaxSubscribers);
            return;
        }

        Context.Watch(c.Subscriber);
        var gossip = _core.LatestGossip;
        if (c.Mode == SubscriptionInitialStateMode.InitialStateAsSnapshot)
        {
            c.Subscriber.Tell(CurrentClusterState.From(gossip, _self), Self);
            return;
        }

        foreach (var e in ClusterEventDiff.Diff(Gossip.Empty, gossip, _self))
        {
            if (ClusterSubscribers.Wants(c.Types, e))
            {
                c.Subscriber.Tell(e, Self);
            }
        }
    }
}
