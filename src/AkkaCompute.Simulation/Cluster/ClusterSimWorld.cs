using System.Collections.Immutable;
using AkkaCompute.Actors;
using AkkaCompute.Cluster;
using AkkaCompute.Cluster.Protocol;

namespace AkkaCompute.Simulation.Cluster;

/// <summary>
/// What the nodes of one simulated cluster share: the addresses, the options, the checkers, and the simulation itself (for the
/// supervisor's restarts and the operator commands). One per <see cref="ClusterSimulation"/>.
/// </summary>
internal sealed class ClusterSimWorld
{
    private readonly Address[] _addresses;
    private readonly Dictionary<Address, NodeId> _index;
    private readonly ImmutableArray<Address> _seeds;
    private readonly ImmutableHashSet<string> _noRoles = ImmutableHashSet<string>.Empty;
    private Random? _operatorRandom;

    public ClusterSimWorld(int nodeCount, long seed, ClusterSimOptions options)
    {
        NodeCount = nodeCount;
        Seed = seed;
        Options = options;
        _addresses = new Address[nodeCount];
        _index = new Dictionary<Address, NodeId>(nodeCount);
        for (var i = 0; i < nodeCount; i++)
        {
            _addresses[i] = ClusterSimulation.AddressOf(i);
            _index[_addresses[i]] = new NodeId(i);
        }

        _seeds = [.. _addresses.Take(Math.Min(options.SeedCount, nodeCount))];
        Safety = new ClusterSafetyChecker(nodeCount, options.SplitBrainCheckEnabled);
        Convergence = new ClusterConvergence(nodeCount);
    }

    public int NodeCount { get; }

    public long Seed { get; }

    public ClusterSimOptions Options { get; }

    public ClusterSafetyChecker Safety { get; }

    public ClusterConvergence Convergence { get; }

    public Simulation<ClusterMessage>? Simulation { get; private set; }

    /// <summary>Operator commands and supervisor restarts run while this is true (the fault phase).</summary>
    public bool FaultsOn { get; set; } = true;

    public long Stops { get; private set; }

    public long SupervisorRestarts { get; private set; }

    public long OperatorCommands { get; private set; }

    public ClusterSimNode CreateNode(NodeId id, long uid) => new(this, id, uid);

    public bool TryResolve(Address address, out NodeId node) => _index.TryGetValue(address, out node);

    public ClusterCore CreateCore(NodeId id, long uid, int incarnation, Random random)
    {
        var seeds = _seeds;
        if (incarnation > 0 && Options.RestartExtraContacts > 0 && NodeCount > seeds.Length)
        {
            var extra = new SortedSet<int>();
            var wanted = Math.Min(Options.RestartExtraContacts, NodeCount - seeds.Length - (id.Index < seeds.Length ? 0 : 1));
            while (extra.Count < wanted)
            {
                var pick = random.Next(NodeCount);
                if (pick >= seeds.Length && pick != id.Index)
                {
                    extra.Add(pick);
                }
            }

            seeds = seeds.AddRange(extra.Select(i => _addresses[i]));
        }

        var settings = Options.Settings with { SeedNodes = seeds };
        return new ClusterCore(new UniqueAddress(_addresses[id.Index], uid), settings, _noRoles, random.Next(), Options.CoreOptions);
    }

    /// <summary>The virtual time the fault phase ended (faults stopped, everything healed), or null while it runs.</summary>
    public TimeSpan? HealedAt { get; private set; }

    /// <summary>Installs the checkers, the end of the fault phase and the operator-command schedule on a freshly built simulation.</summary>
    public void Attach(Simulation<ClusterMessage> simulation)
    {
        Simulation = simulation;
        simulation.AddStepHook(OnStep);
        if (Options.FaultPhase is { } phase)
        {
            simulation.Schedule(phase, s =>
            {
                FaultsOn = false;
                s.StopRandomFaults();
                s.HealAll();
                HealedAt = s.Now;
            });
        }

        if (Options.OperatorCommandIntervalMsMean is { } mean)
        {
            _operatorRandom = new Random(unchecked((int)(Seed ^ (Seed >> 32) ^ 0x5DEECE66)));
            ScheduleOperatorCommand(simulation, mean);
        }
    }

    /// <summary>A node's core stopped: count it and, if configured, restart it later with a new uid (unless it was restarted meanwhile).</summary>
    public void OnStopped(NodeId node, long uid, TimeSpan now)
    {
        Stops++;
        if (Options.RestartStoppedAfter is { } after && Simulation is { } sim)
        {
            sim.Schedule(now + after, s =>
            {
                if (s.GetUid(node) == uid)
                {
                    SupervisorRestarts++;
                    s.Restart(node);
                }
            });
        }
    }

    public ClusterCore? CoreOf(int node) => (Simulation?.GetNode(new NodeId(node)) as ClusterSimNode)?.Core;

    public void ObserveAll()
    {
        for (var i = 0; i < NodeCount; i++)
        {
            Observe(i);
        }
    }

    private void OnStep(StepInfo info)
    {
        switch (info.Kind)
        {
            case StepKind.MessageDelivered:
            case StepKind.TimerFired:
            case StepKind.NodeStarted:
                Observe(info.To.Index);
                break;
            case StepKind.Fault:
            case StepKind.ScheduledAction:
                ObserveAll();
                break;
        }
    }

    private void Observe(int node)
    {
        var core = CoreOf(node);
        var gossip = core?.LatestGossip ?? Gossip.Empty;
        Safety.Observe(node, core?.Self, gossip, core?.IsRemoved ?? true);
        Convergence.Observe(node, core?.Self, gossip, core is { IsInitialized: true });
    }

    private void ScheduleOperatorCommand(Simulation<ClusterMessage> simulation, double meanMs)
    {
        var delayMs = -Math.Log(1.0 - _operatorRandom!.NextDouble()) * meanMs;
        simulation.Schedule(simulation.Now + TimeSpan.FromMilliseconds(Math.Min(delayMs, 3_600_000)), s =>
        {
            if (!FaultsOn)
            {
                return;
            }

            OperatorCommand(s);
            ScheduleOperatorCommand(s, meanMs);
        });
    }

    private void OperatorCommand(Simulation<ClusterMessage> simulation)
    {
        var random = _operatorRandom!;
        var members = new List<ClusterCore>();
        var crashed = new List<int>();
        for (var i = 0; i < NodeCount; i++)
        {
            if (!simulation.IsUp(new NodeId(i)))
            {
                crashed.Add(i);
            }
            else if (CoreOf(i) is { IsInitialized: true } core && core.State.SelfMember.Status == MemberStatus.Up)
            {
                members.Add(core);
            }
        }

        if (members.Count == 0)
        {
            return;
        }

        var actor = members[random.Next(members.Count)];
        OperatorCommands++;
        if (crashed.Count > 0 && random.Next(2) == 0)
        {
            actor.Down(_addresses[crashed[random.Next(crashed.Count)]], simulation.Now);
        }
        else
        {
            actor.Leave(actor.Self.Address, simulation.Now);
        }
    }
}
