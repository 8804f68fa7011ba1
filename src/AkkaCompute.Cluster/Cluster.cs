using System.Collections.Immutable;
using AkkaCompute.Actors;
using AkkaCompute.Cluster.Daemon;
using AkkaCompute.Cluster.Wire;
using AkkaCompute.Remote;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Cluster;

/// <summary>
/// Cluster membership for one actor system, as Akka's <c>Cluster</c> extension: it runs the <c>ClusterDaemon</c> at
/// <c>/system/cluster</c>, answers questions about the membership from any thread, and takes the operator's commands.
/// <code>
/// var system = ActorSystem.Create("akc");
/// Remoting.Start(system, new RemoteSettings { Port = 2551 });
/// var cluster = Cluster.Start(system, new ClusterSettings { SeedNodes = [Address.Parse("akc.tcp://akc@10.0.0.1:2551")] });
/// cluster.Subscribe(listener, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(MemberEvent));
/// cluster.RegisterOnMemberUp(() => Console.WriteLine("up"));
/// </code>
/// </summary>
/// <remarks>
/// Commands (<see cref="Join"/>, <see cref="Leave"/>, <see cref="Down"/>, subscriptions) are messages to the daemon: they return at
/// once and take effect in order. Queries (<see cref="State"/>, <see cref="SelfMember"/>) read the daemon's last published view,
/// which lags the daemon by at most one message. With <see cref="ClusterRunOptions.LeaveOnShutdown"/> (default) terminating the
/// system leaves the cluster first; once removed the node runs its coordinated shutdown (<see cref="ClusterRunOptions.ShutdownWhenRemoved"/>).
/// </remarks>
public sealed class Cluster
{
    private readonly ClusterView _view;

    private Cluster(ActorSystem system, UniqueAddress self, ClusterSettings settings, ClusterView view, IActorRef daemon)
    {
        System = system;
        SelfUniqueAddress = self;
        Settings = settings;
        _view = view;
        Daemon = daemon;
        SelfRoles = [.. settings.Roles.Order(StringComparer.Ordinal)];
    }

    /// <summary>The actor system this extension belongs to.</summary>
    public ActorSystem System { get; }

    /// <summary>The membership settings in force (validated).</summary>
    public ClusterSettings Settings { get; }

    /// <summary>This node's identity: its remoting address and uid.</summary>
    public UniqueAddress SelfUniqueAddress { get; }

    /// <summary>This node's remoting address, <c>akc.tcp://system@host:port</c>.</summary>
    public Address SelfAddress => SelfUniqueAddress.Address;

    /// <summary>This node's roles, ordinal order.</summary>
    public ImmutableArray<string> SelfRoles { get; }

    /// <summary>This node's member as it last saw itself; status <see cref="MemberStatus.Removed"/> before it joined and after it left.</summary>
    public Member SelfMember => _view.SelfMember;

    /// <summary>The membership as this node sees it now (members, unreachable, seen-by, leader, role leaders).</summary>
    public CurrentClusterState State => _view.State;

    /// <summary>The latest gossip this node holds (for the management endpoint and diagnostics).</summary>
    public Gossip LatestGossip => _view.LatestGossip;

    /// <summary>True once this node was removed from the cluster or its daemon stopped; it never rejoins with this uid.</summary>
    public bool IsTerminated => _view.IsTerminated;

    /// <summary>The daemon at <c>/system/cluster</c>.</summary>
    internal IActorRef Daemon { get; }

    /// <summary>
    /// Starts cluster membership on <paramref name="system"/>, whose remoting must already run: registers the cluster serializer
    /// (id 20), starts the daemon (which joins <see cref="ClusterSettings.SeedNodes"/> when there are any) and adds the cluster's
    /// coordinated-shutdown tasks.
    /// </summary>
    /// <param name="system">A system with remoting started (<see cref="Remoting.Start"/>).</param>
    /// <param name="settings">The membership settings; validated here.</param>
    /// <param name="options">How the extension ties into the system's life; null for <see cref="ClusterRunOptions.Default"/>.</param>
    /// <returns>The running extension; <see cref="Get"/> returns it too.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="system"/> or <paramref name="settings"/> is null.</exception>
    /// <exception cref="ConfigurationException">A setting or core option is invalid; the message names key, value and constraint.</exception>
    /// <exception cref="InvalidOperationException">Remoting does not run on the system, or the cluster was already started.</exception>
    public static Cluster Start(ActorSystem system, ClusterSettings settings, ClusterRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        options ??= ClusterRunOptions.Default;
        settings.Validate();
        ArgumentNullException.ThrowIfNull(options.CoreOptions, nameof(options));
        options.CoreOptions.Validate();
        var remoting = Remoting.Get(system)
            ?? throw new InvalidOperationException($"start remoting on {system.Name} (Remoting.Start) before the cluster: members talk over it");
        if (system is not ActorSystemImpl impl)
        {
            throw new ArgumentException("the cluster needs a system created by ActorSystem.Create", nameof(system));
        }

        var slot = system.GetOrAddExtension(_ => new ClusterSlot());
        lock (slot)
        {
            if (slot.Value is { } running)
            {
                throw new InvalidOperationException($"the cluster already runs on {system.Name} as {running.SelfUniqueAddress}");
            }

            ClusterMessageSerializer.Register(remoting.Serialization);
            var self = new UniqueAddress(remoting.Address, remoting.Uid);
            var view = new ClusterView(self, impl.LoggerFactory.CreateLogger("AkkaCompute.Cluster.Cluster"));
            var daemon = impl.SystemActorOf(ClusterDaemon.Props(self, settings, view, options), ClusterDaemon.Name);
            var cluster = new Cluster(system, self, settings, view, daemon);
            ClusterShutdownTasks.Register(system, cluster, view, daemon, options);
            slot.Value = cluster;
            return cluster;
        }
    }

    /// <summary>The cluster extension of <paramref name="system"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="system"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The cluster was not started on the system (<see cref="Start"/>).</exception>
    public static Cluster Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(_ => new ClusterSlot()).Value
            ?? throw new InvalidOperationException($"the cluster was not started on {system.Name}: call Cluster.Start(system, settings) first");
    }

    /// <summary>
    /// Subscribes <paramref name="subscriber"/> to cluster events that are instances of <paramref name="to"/> (e.g.
    /// <c>typeof(MemberEvent)</c>, <c>typeof(ReachabilityEvent)</c>); first it gets a <see cref="CurrentClusterState"/> snapshot.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="to"/> is empty or names a type that is not a <see cref="ClusterEvent"/>.</exception>
    public void Subscribe(IActorRef subscriber, params Type[] to) => Subscribe(subscriber, SubscriptionInitialStateMode.InitialStateAsSnapshot, to);

    /// <summary>
    /// Subscribes <paramref name="subscriber"/> to cluster events that are instances of <paramref name="to"/>; first it gets the
    /// current state, as one snapshot or as events (<paramref name="initialStateMode"/>). A stopped subscriber is dropped; at most
    /// 10,000 subscribers (more are refused and logged).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="to"/> is empty or names a type that is not a <see cref="ClusterEvent"/>.</exception>
    public void Subscribe(IActorRef subscriber, SubscriptionInitialStateMode initialStateMode, params Type[] to)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(to);
        if (to.Length == 0 || to.Any(t => t is null || !typeof(ClusterEvent).IsAssignableFrom(t)))
        {
            throw new ArgumentException("subscribe to at least one type, each a ClusterEvent type such as MemberEvent or ReachabilityEvent", nameof(to));
        }

        Daemon.Tell(new SubscribeCommand(subscriber, initialStateMode, [.. to]), ActorRefs.NoSender);
    }

    /// <summary>Ends every subscription of <paramref name="subscriber"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="subscriber"/> is null.</exception>
    public void Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        Daemon.Tell(new UnsubscribeCommand(subscriber, null), ActorRefs.NoSender);
    }

    /// <summary>Ends <paramref name="subscriber"/>'s subscription to <paramref name="to"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void Unsubscribe(IActorRef subscriber, Type to)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(to);
        Daemon.Tell(new UnsubscribeCommand(subscriber, to), ActorRefs.NoSender);
    }

    /// <summary>Sends a <see cref="CurrentClusterState"/> to <paramref name="receiver"/> from the daemon.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="receiver"/> is null.</exception>
    public void SendCurrentClusterState(IActorRef receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        Daemon.Tell(new SendCurrentStateCommand(receiver), ActorRefs.NoSender);
    }

    /// <summary>
    /// Joins the cluster that the node at <paramref name="address"/> belongs to (or, when it is this node's own address, forms a
    /// new cluster of one). Retried by the core until welcomed.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="address"/> has no host and port.</exception>
    public void Join(Address address)
    {
        CheckAddress(address);
        Daemon.Tell(new JoinCommand(address), ActorRefs.NoSender);
    }

    /// <summary>
    /// Joins through <paramref name="seedNodes"/> as Akka's seed-node process does (the first seed may form the cluster when no other
    /// seed answers). Ignored, with a warning in the log, once this node is a member.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="seedNodes"/> is null.</exception>
    /// <exception cref="ConfigurationException">The list breaks the <c>seed-nodes</c> constraints (distinct addresses with host and port, at most 1,000).</exception>
    public void JoinSeedNodes(IEnumerable<Address> seedNodes)
    {
        ArgumentNullException.ThrowIfNull(seedNodes);
        var seeds = seedNodes.ToImmutableArray();
        (Settings with { SeedNodes = seeds }).Validate();
        Daemon.Tell(new JoinSeedNodesCommand(seeds), ActorRefs.NoSender);
    }

    /// <summary>
    /// Asks the member at <paramref name="address"/> (this node or another) to leave gracefully: Leaving, then Exiting, then Removed.
    /// An address that is not a member is ignored by the core; check <see cref="State"/> first to report it.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="address"/> has no host and port.</exception>
    public void Leave(Address address)
    {
        CheckAddress(address);
        Daemon.Tell(new LeaveCommand(address), ActorRefs.NoSender);
    }

    /// <summary>
    /// Marks the member at <paramref name="address"/> Down (an operator's decision that it is dead); the leader then removes it. An
    /// address that is not a member is ignored by the core; check <see cref="State"/> first to report it.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="address"/> has no host and port.</exception>
    public void Down(Address address)
    {
        CheckAddress(address);
        Daemon.Tell(new DownCommand(address), ActorRefs.NoSender);
    }

    /// <summary>Runs <paramref name="callback"/> on the thread pool once this node is Up (at once if it is already); failures are logged.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="InvalidOperationException">1,000 callbacks are already waiting.</exception>
    public void RegisterOnMemberUp(Action callback) => _view.OnMemberUp(callback);

    /// <summary>Runs <paramref name="callback"/> on the thread pool once this node is removed or the extension stops; failures are logged.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="InvalidOperationException">1,000 callbacks are already waiting.</exception>
    public void RegisterOnMemberRemoved(Action callback) => _view.OnMemberRemoved(callback);

    private static void CheckAddress(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.HasGlobalScope || address.Port is null)
        {
            throw new ArgumentException($"'{address}' is not a cluster node address: expected akc.tcp://system@host:port", nameof(address));
        }
    }

    private sealed class ClusterSlot
    {
        public Cluster? Value { get; set; }
    }
}
