namespace AkkaCompute.Simulation.Placement;

/// <summary>
/// The shape of one placement run besides its seed: cluster size, workload, protocol timings, faults and run phases.
/// Times are virtual. The defaults are the swarm's: 5 nodes (2 with role <c>gpu</c>), 300 tasks, a lossy network and
/// random crashes and partitions for 20 s, then up to 30 s to finish.
/// </summary>
public sealed record PlacementOptions
{
    /// <summary>Nodes in the cluster, 3 to 7. Default 5. Node <c>i</c> has address <c>akka.tcp://akc@10.0.0.{i+1}:{4053 + incarnation}</c>.</summary>
    public int Nodes { get; init; } = 5;

    /// <summary>How many nodes (the highest indexes) have role <c>gpu</c>, 1 to <see cref="Nodes"/>. Default 2.</summary>
    public int GpuNodes { get; init; } = 2;

    /// <summary>Tasks the clients submit over <see cref="SubmitWindow"/>, 1 to 100,000, in batches of 1 to <see cref="BatchMax"/>. Default 300.</summary>
    public int Tasks { get; init; } = 300;

    /// <summary>The most tasks in one submitted batch, 1 or more. Default 8.</summary>
    public int BatchMax { get; init; } = 8;

    /// <summary>The fraction of tasks that require role <c>gpu</c>, 0 to 1. Default 0.2.</summary>
    public double GpuTaskFraction { get; init; } = 0.2;

    /// <summary>When the clients submit: uniformly over [0, SubmitWindow]; at most <see cref="SafetyDuration"/>. Default 19 s (work is still in flight when the faults stop).</summary>
    public TimeSpan SubmitWindow { get; init; } = TimeSpan.FromSeconds(19);

    /// <summary>How long faults are injected (the safety phase), more than 0. Default 20 s.</summary>
    public TimeSpan SafetyDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The liveness bound: after the heal, every acknowledged task must finish within it. Default 30 s.</summary>
    public TimeSpan LivenessTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Executors per node (tasks it runs at once), 1 or more. Default 2.</summary>
    public int Executors { get; init; } = 2;

    /// <summary>A run takes a uniform virtual duration in [RunMin, RunMax]. Default 5 ms.</summary>
    public TimeSpan RunMin { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest run, at least <see cref="RunMin"/>. Default 60 ms.</summary>
    public TimeSpan RunMax { get; init; } = TimeSpan.FromMilliseconds(60);

    /// <summary>The probability, 0 to 1, that one run fails (the home retries it, preferring another node). Default 0.05.</summary>
    public double FailureProbability { get; init; } = 0.05;

    /// <summary>Attempts per task, 1 or more; the last failure is the task's terminal result. Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The split-brain resolver's <c>stable-after</c>: how long a partition must last before the majority downs the rest. Default 1 s.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// From the resolver's decision to the removal of the downed members, more than <see cref="MembershipPoll"/> (the downed side
    /// learns within one poll and stops before the majority re-owns its tasks). Default 200 ms.
    /// </summary>
    public TimeSpan RemovalDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the membership service runs and nodes read their membership events, more than 0. Default 50 ms.</summary>
    public TimeSpan MembershipPoll { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often a home pushes replicas and results to members that have not stored them, more than 0. Default 100 ms.</summary>
    public TimeSpan PushInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a home waits for a result before it sends RunTask again to a reachable owner. Default 400 ms.</summary>
    public TimeSpan ResendAfter { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>How often nodes advertise their load and idle ones plan a steal, more than 0. Default 150 ms.</summary>
    public TimeSpan LoadInterval { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>The most tasks one steal moves (<c>WorkStealing.Plan</c>'s maxBatch), 1 or more. Default 8.</summary>
    public int StealBatchMax { get; init; } = 8;

    /// <summary>Graceful leaves scripted during the safety phase (a random member leaves, hands its queued tasks over and restarts later), 0 or more. Default 2.</summary>
    public int Leaves { get; init; } = 2;

    /// <summary>The network: latency, loss, duplication, reordering. Default 1-5 ms, 2% loss, 2% duplication, 5% reordered by up to 20 ms.</summary>
    public NetworkOptions Network { get; init; } = new()
    {
        LossProbability = 0.02,
        DuplicationProbability = 0.02,
        ReorderProbability = 0.05,
        ReorderDelayMsMax = 20,
    };

    /// <summary>Random faults in the safety phase, or null for none. Default: a fault every 1.5 s on average (partitions into up to 3 groups, isolations, one-way cuts, crashes of one node at a time), healed after 2.5 s, restarted after 2 s on average.</summary>
    public FaultOptions? Faults { get; init; } = new()
    {
        FaultIntervalMsMean = 1500,
        HealAfterMsMean = 2500,
        RestartAfterMsMean = 2000,
        CrashedNodesMax = 1,
        PartitionGroupsMax = 3,
    };

    /// <summary>A deliberately broken protocol variant, to prove the checkers fail. Default <see cref="PlacementBug.None"/>.</summary>
    public PlacementBug Bug { get; init; }

    /// <summary>How many protocol events the run keeps for the report's trace (the last ones), 0 or more; 0 keeps none and runs fastest. Default 0.</summary>
    public int TraceCapacity { get; init; }

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names it, its value and the constraint.</exception>
    public void Validate()
    {
        Check(Nodes is >= 3 and <= 7, nameof(Nodes), Nodes, "must be 3 to 7");
        Check(GpuNodes >= 1 && GpuNodes <= Nodes, nameof(GpuNodes), GpuNodes, "must be 1 to Nodes");
        Check(Tasks is >= 1 and <= 100_000, nameof(Tasks), Tasks, "must be 1 to 100,000");
        Check(BatchMax >= 1, nameof(BatchMax), BatchMax, "must be >= 1");
        Check(GpuTaskFraction is >= 0 and <= 1, nameof(GpuTaskFraction), GpuTaskFraction, "must be 0 to 1");
        Check(SafetyDuration > TimeSpan.Zero, nameof(SafetyDuration), SafetyDuration, "must be > 0");
        Check(SubmitWindow >= TimeSpan.Zero && SubmitWindow <= SafetyDuration, nameof(SubmitWindow), SubmitWindow, "must be 0 to SafetyDuration");
        Check(LivenessTimeout >= TimeSpan.Zero, nameof(LivenessTimeout), LivenessTimeout, "must be >= 0");
        Check(Executors >= 1, nameof(Executors), Executors, "must be >= 1");
        Check(RunMin >= TimeSpan.Zero && RunMax >= RunMin, nameof(RunMax), RunMax, "must be >= RunMin >= 0");
        Check(FailureProbability is >= 0 and <= 1, nameof(FailureProbability), FailureProbability, "must be 0 to 1");
        Check(MaxAttempts >= 1, nameof(MaxAttempts), MaxAttempts, "must be >= 1");
        Check(StableAfter >= TimeSpan.Zero, nameof(StableAfter), StableAfter, "must be >= 0");
        Check(MembershipPoll > TimeSpan.Zero, nameof(MembershipPoll), MembershipPoll, "must be > 0");
        Check(RemovalDelay > MembershipPoll, nameof(RemovalDelay), RemovalDelay, "must be > MembershipPoll");
        Check(PushInterval > TimeSpan.Zero, nameof(PushInterval), PushInterval, "must be > 0");
        Check(ResendAfter > TimeSpan.Zero, nameof(ResendAfter), ResendAfter, "must be > 0");
        Check(LoadInterval > TimeSpan.Zero, nameof(LoadInterval), LoadInterval, "must be > 0");
        Check(StealBatchMax >= 1, nameof(StealBatchMax), StealBatchMax, "must be >= 1");
        Check(Leaves >= 0, nameof(Leaves), Leaves, "must be >= 0");
        Check(TraceCapacity >= 0, nameof(TraceCapacity), TraceCapacity, "must be >= 0");
        ArgumentNullException.ThrowIfNull(Network, nameof(Network));
        Network.Validate();
        Faults?.Validate();
    }

    private static void Check(bool ok, string name, object value, string constraint)
    {
        if (!ok)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PlacementOptions.{name} = {value}: {constraint}"), name);
        }
    }
}
