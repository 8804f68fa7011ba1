using AkkaCompute.Simulation.Internal;

namespace AkkaCompute.Simulation;

/// <summary>
/// A deterministic discrete-event simulation of <c>nodeCount</c> protocol nodes on one simulated
/// network, in the style of TigerBeetle's VOPR: virtual time, one seeded random source per
/// concern, and a single event queue ordered by (virtual time, scheduling sequence). The same
/// seed, options, node count and factory (and the same scripted faults at the same points) give
/// the same run, message for message and step for step; <see cref="TraceHash"/> proves it.
/// <para>
/// Construction creates every node's first incarnation (factory calls in node order) and queues
/// their starts at time 0. Nothing runs until <see cref="Step"/>, <see cref="RunUntil"/> or
/// <see cref="RunSteps"/> is called. Step hooks (<see cref="AddStepHook"/>) run after every step:
/// put safety checkers there. Any exception from a node, a hook or a scheduled action fails the
/// run with a <see cref="SimulationFailureException"/> that carries the seed and the step number;
/// after that every run method throws <see cref="InvalidOperationException"/>.
/// </para>
/// <para>Not thread-safe: drive one simulation from one thread (separate simulations may run in parallel).</para>
/// </summary>
/// <typeparam name="TMessage">The protocol's message type.</typeparam>
public sealed partial class Simulation<TMessage>
{
    private const ulong StreamNetwork = 1;
    private const ulong StreamFaults = 2;
    private const ulong StreamUids = 3;
    private const ulong StreamNodeRandom = 4;

    private readonly NodeFactory<TMessage> factory;
    private readonly NodeSlot<TMessage>[] slots;
    private readonly CounterCell[] counters;
    private readonly PriorityQueue<SimEvent<TMessage>, (long Time, long Seq)> queue;
    private readonly List<Action<StepInfo>> hooks = new();
    private readonly Dictionary<long, int> pendingTimers = new();
    private readonly SplitMix64 networkRandom;
    private readonly SplitMix64 faultRandom;
    private readonly SplitMix64 uidRandom;
    private readonly LinkTable links;
    private readonly int pendingEventsMax;
    private TraceDigest trace = TraceDigest.Create();
    private long nowTicks;
    private long stepNumber;
    private long nextSeq;
    private long nextTimerId;
    private bool inStep;
    private SimContext<TMessage>? active;

    /// <summary>Creates a simulation and queues every node's start at virtual time 0.</summary>
    /// <param name="nodeCount">The number of nodes, 1 to <see cref="SimulationLimits.NodeCountMax"/> (100,000).</param>
    /// <param name="seed">The run seed: every random decision of the run derives from it.</param>
    /// <param name="options">The network, fault and accounting options (validated here).</param>
    /// <param name="factory">Creates each node incarnation; called here for every node in index order, and on restarts.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nodeCount"/> is out of range.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="factory"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names the key, the value and the constraint.</exception>
    /// <exception cref="InvalidOperationException">The factory returned null.</exception>
    public Simulation(int nodeCount, long seed, SimulationOptions<TMessage> options, NodeFactory<TMessage> factory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nodeCount, SimulationLimits.NodeCountMax);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        options.Validate();

        NodeCount = nodeCount;
        Seed = seed;
        Options = options;
        this.factory = factory;
        pendingEventsMax = options.PendingEventsMax;
        networkRandom = new SplitMix64(SplitMix64.Derive(seed, StreamNetwork, 0));
        faultRandom = new SplitMix64(SplitMix64.Derive(seed, StreamFaults, 0));
        uidRandom = new SplitMix64(SplitMix64.Derive(seed, StreamUids, 0));
        links = new LinkTable(nodeCount);
        queue = new PriorityQueue<SimEvent<TMessage>, (long Time, long Seq)>(Math.Min(nodeCount * 4, 1 << 20), EventOrder.Instance);
        counters = new CounterCell[nodeCount];
        slots = new NodeSlot<TMessage>[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            slots[i] = new NodeSlot<TMessage>();
            StartIncarnation(i, incarnation: 0);
        }

        InitRandomFaults();
    }

    /// <summary>The run seed.</summary>
    public long Seed { get; }

    /// <summary>The number of nodes; node ids are 0 to <c>NodeCount - 1</c>.</summary>
    public int NodeCount { get; }

    /// <summary>The options this run was created with.</summary>
    public SimulationOptions<TMessage> Options { get; }

    /// <summary>The current virtual time: the time of the last step, or the deadline <see cref="RunUntil"/> last advanced to.</summary>
    public TimeSpan Now => new(nowTicks);

    /// <summary>The number of steps run so far (0 before the first). Step n is the n-th event taken from the queue.</summary>
    public long StepNumber => stepNumber;

    /// <summary>
    /// A running 64-bit digest of every step so far: its kind, virtual time, sender, target and
    /// sequence number, plus <see cref="SimulationOptions{TMessage}.MessageDigest"/> of each
    /// delivered message if set. Two runs with equal hashes took the same steps in the same order.
    /// </summary>
    public ulong TraceHash => trace.Value;

    /// <summary>The number of queued events (message copies in flight, timers, starts, fault and scheduled events).</summary>
    public int PendingEvents => queue.Count;

    /// <summary>The failure that stopped this run, or null while it is healthy.</summary>
    public SimulationFailureException? Failure { get; private set; }

    /// <summary>
    /// Adds a hook that runs after every step, in the order hooks were added, with what the step
    /// did. Safety checkers go here: throw to fail the run (the exception is wrapped in a
    /// <see cref="SimulationFailureException"/> with the seed and step). Keep hooks cheap (they
    /// run per event) and deterministic; a hook may call the fault API and <see cref="GetNode"/>,
    /// but not <see cref="Step"/> or the run methods.
    /// </summary>
    /// <param name="hook">The hook.</param>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    public void AddStepHook(Action<StepInfo> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        hooks.Add(hook);
    }

    /// <summary>
    /// Queues an action to run as its own step at virtual time <paramref name="at"/> (after events
    /// already queued for that time). Use it for scripted faults that must replay with the seed.
    /// </summary>
    /// <param name="at">The virtual time, from <see cref="Now"/> to <see cref="Now"/> + <see cref="SimulationLimits.DelayMax"/>.</param>
    /// <param name="action">The action; it gets this simulation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is in the past or too far ahead.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The pending-event limit is reached.</exception>
    public void Schedule(TimeSpan at, Action<Simulation<TMessage>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (at.Ticks < nowTicks || at.Ticks - nowTicks > SimulationLimits.DelayMax.Ticks)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"must be between Now ({Now}) and Now + {SimulationLimits.DelayMax}");
        }

        Enqueue(at.Ticks, new SimEvent<TMessage>(EventKind.Action, -1, -1, 0, 0, default, action));
    }

    /// <summary>Runs the next event, if any, then every step hook.</summary>
    /// <returns>True if an event ran; false if the queue was empty.</returns>
    /// <exception cref="SimulationFailureException">A node, hook or scheduled action threw, or a limit was hit, during this step.</exception>
    /// <exception cref="InvalidOperationException">The run has already failed, or this was called from inside a step.</exception>
    public bool Step()
    {
        if (Failure is not null)
        {
            throw new InvalidOperationException("The simulation already failed: " + Failure.Message, Failure);
        }

        if (inStep)
        {
            throw new InvalidOperationException("Step and the run methods cannot be called from inside a step (a hook, node or scheduled action).");
        }

        if (!queue.TryDequeue(out var ev, out var key))
        {
            return false;
        }

        nowTicks = key.Time;
        stepNumber++;
        inStep = true;
        var info = new StepInfo(stepNumber, Now, PlannedKind(ev.Kind), new NodeId(ev.From), new NodeId(ev.To), key.Seq, DropReason.None);
        try
        {
            info = Process(in ev, key.Seq);
            trace.Add(((ulong)(uint)info.Kind << 56) ^ (ulong)info.DropReason << 48 ^ (ulong)stepNumber);
            trace.Add((ulong)key.Time);
            trace.Add(((ulong)(uint)ev.From << 32) | (uint)ev.To);
            trace.Add((ulong)key.Seq);
            for (var i = 0; i < hooks.Count; i++)
            {
                hooks[i](info);
            }
        }
        catch (Exception ex)
        {
            Failure = new SimulationFailureException(Seed, stepNumber, Now, info, ex);
            throw Failure;
        }
        finally
        {
            inStep = false;
            active = null;
        }

        return true;
    }

    /// <summary>
    /// Runs every event due at or before <paramref name="deadline"/>, checking
    /// <paramref name="stopWhen"/> before the first step and after each one, then advances
    /// <see cref="Now"/> to the deadline unless stopped early.
    /// </summary>
    /// <param name="deadline">The virtual time to run to; if it is before <see cref="Now"/>, nothing runs.</param>
    /// <param name="stopWhen">Optional predicate; the run stops as soon as it returns true. It must not call the run methods.</param>
    /// <returns>True if <paramref name="stopWhen"/> returned true; false if the deadline was reached (or no predicate was given).</returns>
    /// <exception cref="SimulationFailureException">A step failed.</exception>
    /// <exception cref="InvalidOperationException">The run has already failed, or this was called from inside a step.</exception>
    public bool RunUntil(TimeSpan deadline, Func<bool>? stopWhen = null)
    {
        if (stopWhen is not null && stopWhen())
        {
            return true;
        }

        var deadlineTicks = deadline.Ticks;
        while (queue.TryPeek(out _, out var key) && key.Time <= deadlineTicks)
        {
            Step();
            if (stopWhen is not null && stopWhen())
            {
                return true;
            }
        }

        if (deadlineTicks > nowTicks && Failure is null)
        {
            nowTicks = deadlineTicks;
        }

        return false;
    }

    /// <summary>Runs steps until <see cref="StepNumber"/> equals <paramref name="step"/> or the queue is empty.</summary>
    /// <param name="step">The step number to stop at (inclusive); if it is not above <see cref="StepNumber"/>, nothing runs.</param>
    /// <exception cref="SimulationFailureException">A step failed.</exception>
    /// <exception cref="InvalidOperationException">The run has already failed, or this was called from inside a step.</exception>
    public void RunSteps(long step)
    {
        while (stepNumber < step && Step())
        {
        }
    }

    /// <summary>The current incarnation of a node, or null while it is down.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The node object the factory created for its current incarnation, or null if crashed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is not a node of this simulation.</exception>
    public ISimulatedNode<TMessage>? GetNode(NodeId node) => Slot(node).Node;

    /// <summary>True if the node is up (not crashed).</summary>
    /// <param name="node">The node.</param>
    /// <returns>Whether it is up.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is not a node of this simulation.</exception>
    public bool IsUp(NodeId node) => Slot(node).Up;

    /// <summary>The uid of the node's current (or, while down, last) incarnation.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The positive uid.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is not a node of this simulation.</exception>
    public long GetUid(NodeId node) => Slot(node).Uid;

    /// <summary>The node's current (or, while down, last) incarnation number: 0 at first, one more per restart.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The incarnation number.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is not a node of this simulation.</exception>
    public int GetIncarnation(NodeId node) => Slot(node).Incarnation;

    /// <summary>The traffic counters of one node id, over all its incarnations.</summary>
    /// <param name="node">The node.</param>
    /// <returns>A snapshot of its counters.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is not a node of this simulation.</exception>
    public NodeCounters GetNodeCounters(NodeId node)
    {
        Slot(node);
        return counters[node.Index].ToCounters();
    }

    private NodeSlot<TMessage> Slot(NodeId node)
    {
        if ((uint)node.Index >= (uint)slots.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(node), node, $"must be a node of this simulation (n0 to n{slots.Length - 1})");
        }

        return slots[node.Index];
    }

    /// <summary>What a step of this event kind does when it runs normally (reported if it fails midway).</summary>
    private static StepKind PlannedKind(EventKind kind) => kind switch
    {
        EventKind.Message => StepKind.MessageDelivered,
        EventKind.Timer => StepKind.TimerFired,
        EventKind.Start => StepKind.NodeStarted,
        EventKind.Action => StepKind.ScheduledAction,
        _ => StepKind.Fault,
    };

    private void Enqueue(long timeTicks, in SimEvent<TMessage> ev)
    {
        if (queue.Count >= pendingEventsMax)
        {
            throw new InvalidOperationException($"PendingEventsMax ({pendingEventsMax}) reached: the protocol floods the simulated network or sets too many timers.");
        }

        queue.Enqueue(ev, (timeTicks, ++nextSeq));
    }

    /// <summary>Creates a node incarnation (factory, uid, context, random) and queues its start now.</summary>
    private void StartIncarnation(int index, int incarnation)
    {
        var slot = slots[index];
        long uid;
        do
        {
            uid = (long)(uidRandom.NextUInt64() >> 1);
        }
        while (uid == 0);

        var id = new NodeId(index);
        var nodeSeed = SplitMix64.Derive(Seed, StreamNodeRandom, ((ulong)(uint)index << 32) | (uint)incarnation);
        var node = factory(id, uid) ?? throw new InvalidOperationException($"The node factory returned null for {id}.");
        slot.Node = node;
        slot.Context = new SimContext<TMessage>(this, id, uid, incarnation, new Random((int)(nodeSeed & int.MaxValue)));
        slot.Up = true;
        slot.Incarnation = incarnation;
        slot.Uid = uid;
        Enqueue(nowTicks, new SimEvent<TMessage>(EventKind.Start, index, index, incarnation, 0, default, null));
    }
}
