using System.Collections.Immutable;
using AkkaCompute.Actors;
using AkkaCompute.Cluster.Sbr;

namespace AkkaCompute.Cluster.Protocol;

/// <summary>
/// The whole membership protocol of one cluster node as a pure state machine, after Akka.Cluster's <c>ClusterCoreDaemon</c>,
/// <c>JoinSeedNodeProcess</c>/<c>FirstSeedNodeProcess</c>, <c>ClusterHeartbeatSender</c>/<c>Receiver</c> and
/// <c>SplitBrainResolver</c> (akkadotnet/akka.net, <c>src/core/Akka.Cluster/ClusterDaemon.cs</c>, <c>ClusterHeartbeat.cs</c>,
/// <c>SBR/SplitBrainResolver.cs</c>). It owns no thread, socket, timer or clock: the host feeds it messages (<see cref="Receive"/>),
/// operator commands (<see cref="Join"/>, <see cref="Leave"/>, <see cref="Down"/>) and the passage of time (<see cref="Tick"/>, at
/// least every <see cref="TickInterval"/>), and sends what <see cref="DrainOutbox"/> returns. The same code runs inside the real
/// <c>ClusterDaemon</c> actor and inside the deterministic simulator.
/// </summary>
/// <remarks>
/// <para>
/// Time is a <see cref="TimeSpan"/> since an arbitrary origin (the host's monotonic clock or a simulator's virtual time); a time
/// earlier than one already seen counts as equal to it. The failure detectors get whole milliseconds from it. Randomness (gossip
/// targets) comes only from a <see cref="Random"/> seeded with the constructor's seed, so a simulator run replays exactly.
/// </para>
/// <para>
/// Periodic duties, run by <see cref="Tick"/> when due, once the node is a member (initialized): gossip every
/// <see cref="ClusterSettings.GossipInterval"/> to a random member, preferring members that have not seen the latest version (Akka's
/// <c>gossip-different-view-probability</c>), two extra rounds at a third and two thirds of the interval while fewer than half the
/// members have seen it or a member is Down; heartbeats every <see cref="ClusterSettings.HeartbeatInterval"/> to the
/// <see cref="HeartbeatNodeRing"/> receivers; the reaper every <see cref="ClusterSettings.UnreachableNodesReaperInterval"/>, which writes
/// the phi-accrual detectors' verdicts into the reachability table; the leader actions every
/// <see cref="ClusterSettings.LeaderActionsInterval"/> (<see cref="LeaderActions.Compute"/>; Joining to WeaklyUp after
/// <see cref="ClusterSettings.WeaklyUpAfter"/> without convergence); and the split-brain resolver every tick
/// (<see cref="SbrTimer"/>: the leader downs what <see cref="DowningStrategy.Decide"/> returns once the view was stable for
/// stable-after; every node downs all on lasting instability). Before that, <see cref="Tick"/> drives the seed-node process and the
/// join retry (<see cref="ClusterSettings.RetryUnsuccessfulJoinAfter"/>).
/// </para>
/// <para>
/// Shutting down: a node that sees itself Exiting confirms to the two next leaders and stops; a node that sees itself Down stops once
/// the other downed members have seen it (or after four leader ticks), as Akka's <c>ShutdownSelfWhenDown</c>; a node that receives a
/// gossip in which it was removed (tombstoned) stops. Then <see cref="IsRemoved"/> is true, the last messages are in the outbox, and
/// every later call does nothing: the host shuts the node down and may start a new incarnation (a new uid).
/// </para>
/// <para>
/// Bad input never throws: messages with missing fields, gossips that break a structural invariant, messages for another incarnation
/// and requests about unknown addresses are dropped and counted (<see cref="Counters"/>). With
/// <see cref="ClusterCoreOptions.CheckInvariants"/> on, every change of the own gossip is checked by
/// <see cref="MembershipInvariants.CheckTransition"/>, which throws <see cref="InvariantViolationException"/> on a bug.
/// </para>
/// <para>
/// Deviations from Akka, each found by the deterministic simulator (<c>AkkaCompute.Simulation.Cluster</c>) as a broken safety or
/// liveness property, each small:
/// </para>
/// <list type="number">
/// <item>Leadership is decided on the reachability convergence uses, without the records of Down observers (see
/// <see cref="ClusterLeadership"/>): otherwise two members both lead one converged view.</item>
/// <item>A gossip from a sender that is not a member here is merged when it contains this very incarnation (it can only come from this
/// node's own cluster); Akka ignores it, and a node that joined through a member that then left or was removed never learns of the
/// members that joined after it, and waits forever. A sender this node removed gets the gossip with its tombstone instead, and a node
/// that receives its own tombstone stops (the part Akka's remote quarantine plays), also while it is still joining: a removed
/// incarnation that retries its join is never added again.</item>
/// <item>A split-brain decision is applied in one gossip version (Akka downs its nodes one by one), so no node sees half a decision;
/// it is gossiped at once to up to 100 random members; and when it leaves this node's side without an Up or Leaving member, that side's
/// Joining and WeaklyUp members are downed too (a lone WeaklyUp node otherwise survives a down-indirectly-connected decision and runs
/// on as a second cluster).</item>
/// <item>Faster failure handling (not found by the simulator; they bring a crash to Removed within acceptable-heartbeat-pause +
/// stable-after + 2 gossip rounds): a node that marks a member unreachable gossips to the leader at once, and the leader runs its
/// actions as soon as a received gossip makes a view with a Down member converge, rather than at its next tick.</item>
/// <item>With <see cref="ClusterCoreOptions.FirstSeedNodeJoinsSelfAfterTimeout"/> off, the first seed forms a new cluster only when
/// every other seed answered InitJoinNack within one round, never on a timeout.</item>
/// <item>The split-brain resolver is ticked every <see cref="TickInterval"/> rather than every second.</item>
/// </list>
/// <para>Not thread-safe: one caller at a time (an actor, or the simulator's single thread).</para>
/// </remarks>
public sealed partial class ClusterCore
{
    private const int MaxGossipsBeforeShuttingDownMyself = 5;
    private const int MaxTicksBeforeShuttingDownMyself = 4;
    private const int NumberOfGossipsBeforeShutdownWhenLeaderExits = 5;
    private static readonly TimeSpan TickIntervalMin = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan SbrTickIntervalMax = TimeSpan.FromSeconds(1);

    private readonly ClusterSettings _settings;
    private readonly ClusterCoreOptions _options;
    private readonly ImmutableSortedSet<string> _roles;
    private readonly Random _random;
    private readonly VectorClockNode _selfClockNode;
    private readonly DowningStrategy _strategy;
    private readonly HeartbeatSender _heartbeat;
    private readonly List<ClusterOutbound> _outbox = [];
    private readonly ClusterEventLog _events;
    private MembershipState _state;
    private Phase _phase = Phase.Uninitialized;
    private bool _started;
    private TimeSpan _now;
    private ClusterCoreCounters _counters;

    /// <summary>Creates a node that is not a member of any cluster yet; <see cref="Start"/> begins joining.</summary>
    /// <param name="self">This node's address and uid (a new uid per incarnation).</param>
    /// <param name="settings">The cluster settings; validated here.</param>
    /// <param name="roles">This node's roles (each non-empty, without whitespace); may be empty.</param>
    /// <param name="randomSeed">Seeds the only random source (gossip target choice).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A role is empty or contains whitespace.</exception>
    /// <exception cref="ConfigurationException">A setting is out of range.</exception>
    public ClusterCore(UniqueAddress self, ClusterSettings settings, IReadOnlySet<string> roles, int randomSeed)
        : this(self, settings, roles, randomSeed, ClusterCoreOptions.Default)
    {
    }

    /// <summary>Creates a node with <paramref name="options"/> beyond the cluster settings.</summary>
    /// <param name="self">This node's address and uid (a new uid per incarnation).</param>
    /// <param name="settings">The cluster settings; validated here.</param>
    /// <param name="roles">This node's roles (each non-empty, without whitespace); may be empty.</param>
    /// <param name="randomSeed">Seeds the only random source (gossip target choice).</param>
    /// <param name="options">Seed-node timeout, invariant checks, limits; validated here.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A role is empty or contains whitespace.</exception>
    /// <exception cref="ConfigurationException">A setting or option is out of range.</exception>
    public ClusterCore(UniqueAddress self, ClusterSettings settings, IReadOnlySet<string> roles, int randomSeed, ClusterCoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(options);
        settings.Validate();
        options.Validate();
        _roles = Member.Create(self, MemberStatus.Joining, roles).Roles;
        Self = self;
        _settings = settings;
        _options = options;
        _random = new Random(randomSeed);
        _selfClockNode = VectorClockNode.For(self);
        _strategy = DowningStrategy.Create(settings.SplitBrainResolver);
        _heartbeat = new HeartbeatSender(self, settings.MonitoredByNrOfMembers, settings.ToPhiAccrualSettings(), options.ExpectedResponseAfter);
        _events = new ClusterEventLog(options.EventChangesMax);
        _state = new MembershipState(Gossip.Empty, self);
        var smallest = new[] { settings.GossipInterval, settings.HeartbeatInterval, settings.UnreachableNodesReaperInterval, settings.LeaderActionsInterval, SbrTickIntervalMax }.Min();
        TickInterval = TimeSpan.FromTicks(Math.Max(TickIntervalMin.Ticks, smallest.Ticks / 4));
    }

    private enum Phase
    {
        /// <summary>Not a member, not joining: waits for <see cref="Join"/> (Akka's <c>Uninitialized</c>).</summary>
        Uninitialized,

        /// <summary>Sent <see cref="Protocol.Join"/> to <see cref="_joinWith"/>; waits for <see cref="Welcome"/> (Akka's <c>TryingToJoin</c>).</summary>
        TryingToJoin,

        /// <summary>A member (Akka's <c>Initialized</c>).</summary>
        Initialized,

        /// <summary>Stopped for good: removed, downed or exited.</summary>
        ShutDown,
    }

    /// <summary>This node's address and uid.</summary>
    public UniqueAddress Self { get; }

    /// <summary>The latest gossip as seen by this node, with this node's identity (empty members before joining).</summary>
    public MembershipState State => _state;

    /// <summary>The latest gossip (<see cref="MembershipState.LatestGossip"/> of <see cref="State"/>).</summary>
    public Gossip LatestGossip => _state.LatestGossip;

    /// <summary>
    /// True once this node stopped for good: it was removed (a gossip shows its tombstone), or it saw itself Down and let the news
    /// spread, or it saw itself Exiting and confirmed. The host should shut down; a new incarnation needs a new uid.
    /// </summary>
    public bool IsRemoved => _phase == Phase.ShutDown;

    /// <summary>
    /// True once this node is a member (it joined itself or got a <see cref="Welcome"/>) and has not stopped.
    /// </summary>
    public bool IsInitialized => _phase == Phase.Initialized;

    /// <summary>
    /// How often the host must call <see cref="Tick"/>: a quarter of the smallest of the gossip, heartbeat, reaper and leader-actions
    /// intervals and the split-brain resolver's 1 s tick, at least 10 ms (250 ms with the defaults). Duties run up to this late.
    /// </summary>
    public TimeSpan TickInterval { get; }

    /// <summary>What this node has done so far (counts only).</summary>
    public ClusterCoreCounters Counters => _counters;

    /// <summary>
    /// Starts joining the cluster of <see cref="ClusterSettings.SeedNodes"/>: with no seeds the node waits for <see cref="Join"/>;
    /// when the seeds are only this node it forms a new cluster; when this node is the first seed it runs Akka's
    /// <c>FirstSeedNodeProcess</c>, otherwise <c>JoinSeedNodeProcess</c> (see <see cref="ClusterCoreOptions.SeedNodeTimeout"/>).
    /// InitJoin messages are in the outbox afterwards.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <exception cref="InvalidOperationException">Start was already called.</exception>
    public void Start(TimeSpan now)
    {
        if (_started)
        {
            throw new InvalidOperationException("ClusterCore.Start may be called once.");
        }

        _started = true;
        Advance(now);
        if (_phase == Phase.Uninitialized && !_settings.SeedNodes.IsEmpty)
        {
            JoinSeedNodes();
        }
    }

    /// <summary>
    /// Joins the cluster through the node at <paramref name="address"/> (this node's own address forms a new cluster), as Akka's
    /// <c>Cluster.Join</c>: stops a running seed-node process; sends <see cref="Protocol.Join"/> and retries after
    /// <see cref="ClusterSettings.RetryUnsuccessfulJoinAfter"/>. Ignored when this node is already a member or has stopped, or when
    /// the address has another protocol or actor system name.
    /// </summary>
    /// <param name="address">The node to join through.</param>
    /// <param name="now">The current time.</param>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    public void Join(Address address, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(address);
        Advance(now);
        _started = true;
        if (_phase is Phase.Uninitialized or Phase.TryingToJoin)
        {
            BecomeUninitialized();
            JoinTo(address);
        }
    }

    /// <summary>
    /// Asks the member at <paramref name="address"/> (this node or another) to leave gracefully: marks it Leaving when it is Joining,
    /// WeaklyUp or Up, and gossips at once. The leader then moves it to Exiting and removes it. Ignored before this node is a member,
    /// and for an unknown address or a member already leaving.
    /// </summary>
    /// <param name="address">The member to move to Leaving.</param>
    /// <param name="now">The current time.</param>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    public void Leave(Address address, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(address);
        Advance(now);
        if (_phase == Phase.Initialized)
        {
            Leaving(address);
        }
    }

    /// <summary>
    /// Marks the member at <paramref name="address"/> Down (an operator's decision), as Akka's <c>Cluster.Down</c>: it is removed once
    /// unreachable and the cluster converged; a downed node shuts down. Ignored before this node is a member, and for an unknown
    /// address or a member already Down.
    /// </summary>
    /// <param name="address">The member to down.</param>
    /// <param name="now">The current time.</param>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    public void Down(Address address, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(address);
        Advance(now);
        if (_phase == Phase.Initialized)
        {
            Downing(address);
        }
    }

    /// <summary>
    /// Handles one protocol message from another node (or from a management client: <see cref="Protocol.Leave"/>,
    /// <see cref="Protocol.Down"/>). Messages that do not fit the node's state, are for another incarnation, or have missing fields
    /// are dropped. Never throws for bad input.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="now">The current time.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="InvariantViolationException">With invariant checks on: this node's gossip changed in a way that breaks an invariant (a bug).</exception>
    public void Receive(ClusterMessage message, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(message);
        Advance(now);
        if (_phase == Phase.ShutDown)
        {
            return;
        }

        switch (message)
        {
            case Heartbeat hb when hb.From is not null:
                Send(hb.From.Address, new HeartbeatRsp(Self, hb.SequenceNr));
                break;
            case HeartbeatRsp rsp when rsp.From is not null:
                if (_phase == Phase.Initialized)
                {
                    _heartbeat.OnResponse(rsp.From, _now);
                }

                break;
            case GossipEnvelope envelope when envelope.From is not null && envelope.To is not null && envelope.Gossip is not null:
                ReceiveGossip(envelope);
                LeaderActionsOnDownConvergence();
                break;
            case GossipStatus status when status.From is not null && status.To is not null && status.Version is not null && status.Seen is not null:
                ReceiveGossipStatus(status);
                LeaderActionsOnDownConvergence();
                break;
            case InitJoin initJoin when initJoin.From is not null:
                ReceiveInitJoin(initJoin.From);
                break;
            case InitJoinAck ack when ack.From is not null:
                ReceiveInitJoinAck(ack.From);
                break;
            case InitJoinNack nack when nack.From is not null:
                ReceiveInitJoinNack(nack.From);
                break;
            case Join join when join.Node is not null && join.Roles is not null:
                if (_phase == Phase.Initialized)
                {
                    Joining(join.Node, join.Roles);
                }

                break;
            case Welcome welcome when welcome.From is not null && welcome.Gossip is not null:
                ReceiveWelcome(welcome.From, welcome.Gossip);
                break;
            case Leave leave when leave.Address is not null:
                if (_phase == Phase.Initialized)
                {
                    Leaving(leave.Address);
                }

                break;
            case Down down when down.Address is not null:
                if (_phase == Phase.Initialized)
                {
                    Downing(down.Address);
                }

                break;
            case ExitingConfirmed confirmed when confirmed.Node is not null:
                if (_phase == Phase.Initialized)
                {
                    ReceiveExitingConfirmed(confirmed.Node);
                }

                break;
            default:
                _counters = _counters with { MalformedDropped = _counters.MalformedDropped + 1 };
                break;
        }
    }

    /// <summary>
    /// Runs every duty that is due at <paramref name="now"/> (see the remarks): the seed-node process and join retry while joining;
    /// gossip, heartbeats, reaper, leader actions and the split-brain resolver once a member. Call at least every
    /// <see cref="TickInterval"/>; calling more often is harmless.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <exception cref="InvariantViolationException">With invariant checks on: this node's gossip changed in a way that breaks an invariant (a bug).</exception>
    public void Tick(TimeSpan now)
    {
        Advance(now);
        switch (_phase)
        {
            case Phase.Uninitialized:
                TickSeedProcess();
                break;
            case Phase.TryingToJoin:
                TickTryingToJoin();
                break;
            case Phase.Initialized:
                TickInitialized();
                break;
        }
    }

    /// <summary>
    /// The messages to send since the last call, in the order they were produced, each addressed by <see cref="Address"/> (the
    /// receiver's uid may be unknown, e.g. a seed). At most <see cref="ClusterCoreOptions.OutboxMax"/>; the rest were dropped and counted.
    /// </summary>
    public IReadOnlyList<ClusterOutbound> DrainOutbox()
    {
        if (_outbox.Count == 0)
        {
            return [];
        }

        var drained = _outbox.ToArray();
        _outbox.Clear();
        return drained;
    }

    /// <summary>
    /// The cluster events of every change of this node's gossip since the last call (<see cref="ClusterEventDiff.Diff"/> per change,
    /// in order; the first call diffs against the empty gossip). Changes beyond <see cref="ClusterCoreOptions.EventChangesMax"/> are
    /// folded together. A subscriber's initial snapshot is <see cref="CurrentClusterState.From"/> of <see cref="LatestGossip"/>.
    /// </summary>
    public IReadOnlyList<ClusterEvent> DrainEvents() => _events.Drain(Self);

    private void Advance(TimeSpan now)
    {
        if (now > _now)
        {
            _now = now;
        }
    }

    private void Send(Address to, ClusterMessage message)
    {
        if (_outbox.Count >= _options.OutboxMax)
        {
            _counters = _counters with { OutboxDropped = _counters.OutboxDropped + 1 };
            return;
        }

        _outbox.Add(new ClusterOutbound(to, message));
    }

    /// <summary>Replaces the gossip (already stamped and seen as needed), checks invariants, records the change for events.</summary>
    private void SetGossip(Gossip gossip)
    {
        var before = _state.LatestGossip;
        if (ReferenceEquals(before, gossip))
        {
            return;
        }

        if (_options.CheckInvariants)
        {
            GossipChecks.CheckTransition(before, gossip);
        }

        _state = new MembershipState(gossip, Self);
        _events.Record(gossip);
    }

    /// <summary>A change made by this node: stamps it with this node's clock entry and marks it seen by this node only (Akka's <c>UpdateLatestGossip</c>).</summary>
    private void UpdateLatestGossip(Gossip gossip) => SetGossip(gossip.Increment(_selfClockNode).OnlySeen(Self));

    private void ShutDown()
    {
        _phase = Phase.ShutDown;
        _seedProcess = null;
    }

    private bool IsSingletonCluster => _state.LatestGossip.IsSingletonCluster;

    private DateTimeOffset WallNow => _options.WallClock?.GetUtcNow() ?? DateTimeOffset.UnixEpoch + _now;
}
