using AkkaCompute.Cluster;
using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Cluster.Sbr;

namespace AkkaCompute.Simulation.Cluster;

/// <summary>
/// How a simulated cluster is set up, besides the node count, the seed and the network and fault options: the membership settings,
/// the seed nodes, what the "supervisor" does with nodes that stopped, random operator commands, and which checks run.
/// Node i has the address <c>akc.tcp://sim@n{i}:2552</c>; nodes 0 to <see cref="SeedCount"/> - 1 are the seed nodes, node 0 first.
/// </summary>
public sealed record ClusterSimOptions
{
    /// <summary>Akka's defaults (gossip and heartbeats every second, phi 8, 3 s pause, stable-after 20 s).</summary>
    public static ClusterSettings DefaultProfile { get; } = ClusterSettings.Default;

    /// <summary>
    /// A faster profile for fault-heavy runs (every period about a half to a fifth of the default, so a partition of a few seconds
    /// exercises detection and the split-brain resolver): gossip, leader actions and reaper every 500 ms, heartbeats every 500 ms with
    /// a 1 s acceptable pause (a silent node is suspected after about 2 s), stable-after 4 s, WeaklyUp after 2 s, join retry after 3 s.
    /// </summary>
    public static ClusterSettings FastProfile { get; } = ClusterSettings.Default with
    {
        GossipInterval = TimeSpan.FromMilliseconds(500),
        LeaderActionsInterval = TimeSpan.FromMilliseconds(500),
        UnreachableNodesReaperInterval = TimeSpan.FromMilliseconds(500),
        HeartbeatInterval = TimeSpan.FromMilliseconds(500),
        AcceptableHeartbeatPause = TimeSpan.FromSeconds(1),
        WeaklyUpAfter = TimeSpan.FromSeconds(2),
        RetryUnsuccessfulJoinAfter = TimeSpan.FromSeconds(3),
        SplitBrainResolver = SplitBrainResolverSettings.Default with { StableAfter = TimeSpan.FromSeconds(4) },
    };

    /// <summary>The membership settings of every node; <see cref="ClusterSettings.SeedNodes"/> is replaced per node. Default <see cref="DefaultProfile"/>.</summary>
    public ClusterSettings Settings { get; init; } = DefaultProfile;

    /// <summary>
    /// Options of every node's <see cref="ClusterCore"/>. Default: invariant checks on; the first seed forms a new cluster only when
    /// every other contact point answered that it is not a member (never on a mere timeout, which could start a second cluster
    /// beside a running one when it is partitioned away); two remembered event changes (the simulator does not read events).
    /// </summary>
    public ClusterCoreOptions CoreOptions { get; init; } = new()
    {
        CheckInvariants = true,
        FirstSeedNodeJoinsSelfAfterTimeout = false,
        EventChangesMax = 2,
    };

    /// <summary>How many of the first nodes are seed nodes (node 0 first); 1 to the node count (capped there). Default 3.</summary>
    public int SeedCount { get; init; } = 3;

    /// <summary>
    /// A restarted incarnation contacts the seeds plus this many other nodes drawn at random (all other nodes when there are fewer),
    /// as service discovery would list the running peers, so that it can rejoin even when every seed is down, downed or restarting.
    /// A restarted first seed forms a new cluster only when every contact answers that it is not a member, so the more contacts, the
    /// smaller the chance of a second cluster beside a running one. 0 to 1,000. Default 64.
    /// </summary>
    public int RestartExtraContacts { get; init; } = 64;

    /// <summary>
    /// A node that stopped (removed, downed or exited: <see cref="ClusterCore.IsRemoved"/>) is restarted with a new uid this long after,
    /// as a process supervisor would; null never restarts it. Default 2 s.
    /// </summary>
    public TimeSpan? RestartStoppedAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The mean virtual time, in ms, between random operator commands during the fault phase: a random member leaves gracefully, or,
    /// when a node is crashed, a random member downs it (operators down dead machines, never live ones, which would be outside what the
    /// split-brain resolver guarantees). Null (default) issues none.
    /// </summary>
    public double? OperatorCommandIntervalMsMean { get; init; }

    /// <summary>
    /// The end of the fault phase, in virtual time from the start of the run: then random faults and operator commands stop, the
    /// network heals and every crashed node restarts (a step scheduled when the run is built, so a replay by seed and step sees it
    /// too). Null (default): faults never stop. At most 365 days.
    /// </summary>
    public TimeSpan? FaultPhase { get; init; }

    /// <summary>
    /// Run the split-brain check (two surviving members that each see the other Down). Null (default) runs it when the active strategy
    /// is keep-majority, the only one the property is stated for.
    /// </summary>
    public bool? CheckSplitBrain { get; init; }

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names it, its value and the constraint.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Settings, nameof(Settings));
        ArgumentNullException.ThrowIfNull(CoreOptions, nameof(CoreOptions));
        Settings.Validate();
        CoreOptions.Validate();
        if (SeedCount < 1)
        {
            throw new ArgumentException($"SeedCount is {SeedCount}; it must be at least 1", nameof(SeedCount));
        }

        if (RestartExtraContacts is < 0 or > 1000)
        {
            throw new ArgumentException($"RestartExtraContacts is {RestartExtraContacts}; it must be 0 to 1000", nameof(RestartExtraContacts));
        }

        if (RestartStoppedAfter is { } restart && (restart < TimeSpan.Zero || restart > SimulationLimits.DelayMax))
        {
            throw new ArgumentException($"RestartStoppedAfter is {restart}; it must be 0 to 365 days", nameof(RestartStoppedAfter));
        }

        if (FaultPhase is { } phase && (phase < TimeSpan.Zero || phase > SimulationLimits.DelayMax))
        {
            throw new ArgumentException($"FaultPhase is {phase}; it must be 0 to 365 days", nameof(FaultPhase));
        }

        if (OperatorCommandIntervalMsMean is { } mean && !(mean > 0 && double.IsFinite(mean)))
        {
            throw new ArgumentException($"OperatorCommandIntervalMsMean is {mean}; it must be finite and > 0", nameof(OperatorCommandIntervalMsMean));
        }
    }

    /// <summary>Whether the split-brain check runs with these options.</summary>
    internal bool SplitBrainCheckEnabled => CheckSplitBrain ?? Settings.SplitBrainResolver.ActiveStrategy == SplitBrainResolverSettings.KeepMajorityName;
}
