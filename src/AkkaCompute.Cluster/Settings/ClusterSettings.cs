using System.Collections.Immutable;
using System.Globalization;
using AkkaCompute.Actors;
using AkkaCompute.Cluster.Sbr;
using AkkaCompute.Remote.FailureDetection;

namespace AkkaCompute.Cluster;

/// <summary>
/// Settings of cluster membership, named and defaulted as Akka's <c>akka.cluster</c> section. Keys are given as they appear under
/// <see cref="Section"/> (e.g. <c>akc.cluster.gossip-interval</c>); the HOCON loader binds them. <see cref="Validate"/> checks every value.
/// </summary>
public sealed record ClusterSettings
{
    /// <summary>The configuration section: <c>akc.cluster</c>.</summary>
    public const string Section = "akc.cluster";

    private static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <summary>The settings with every default.</summary>
    public static ClusterSettings Default { get; } = new();

    /// <summary>
    /// <c>seed-nodes</c>: the addresses a starting node contacts to join (each with host and port; no duplicates; at most 1,000).
    /// Default empty: the node waits to be joined (or joins itself when it is the first seed). The first seed joins itself when no
    /// other seed answers.
    /// </summary>
    public ImmutableArray<Address> SeedNodes { get; init; } = [];

    /// <summary><c>roles</c>: this node's roles (each 1 to 200 characters without whitespace; at most 100). Default none.</summary>
    public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary><c>min-nr-of-members</c>: the leader moves members Up only once the cluster has this many. Default 1; 1 to 100,000.</summary>
    public int MinNrOfMembers { get; init; } = 1;

    /// <summary><c>retry-unsuccessful-join-after</c>: when a join attempt got no answer, try the seed nodes again after this long. Default 10 s; greater than 0, at most 1 hour.</summary>
    public TimeSpan RetryUnsuccessfulJoinAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>gossip-interval</c>: how often a node gossips its state to another. Default 1 s; 1 ms to 1 hour.</summary>
    public TimeSpan GossipInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>leader-actions-interval</c>: how often the leader runs <see cref="LeaderActions.Compute"/>. Default 1 s; 1 ms to 1 hour.</summary>
    public TimeSpan LeaderActionsInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>unreachable-nodes-reaper-interval</c>: how often the failure detector's verdicts are written into the reachability table. Default 1 s; 1 ms to 1 hour.</summary>
    public TimeSpan UnreachableNodesReaperInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <c>allow-weakly-up-members</c>: whether joining members are moved to WeaklyUp while convergence is blocked by unreachable
    /// members. Default on.
    /// </summary>
    public bool AllowWeaklyUpMembers { get; init; } = true;

    /// <summary><c>weakly-up-after</c>: how long convergence must be lacking before joining members become WeaklyUp. Default 7 s; greater than 0, at most 1 hour.</summary>
    public TimeSpan WeaklyUpAfter { get; init; } = TimeSpan.FromSeconds(7);

    /// <summary>
    /// <c>prune-gossip-tombstones-after</c>: how long the gossip remembers removed members so that an old gossip cannot bring them
    /// back (<see cref="Gossip.Tombstones"/>). Default 24 hours; 0 to 30 days.
    /// </summary>
    public TimeSpan PruneGossipTombstonesAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary><c>failure-detector.heartbeat-interval</c>: how often a node sends heartbeats to the nodes it monitors. Default 1 s; 1 ms to 1 hour.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>failure-detector.threshold</c>: phi at and above which a node is suspected. Default 8.0; a finite number from 0.1 to 1000.</summary>
    public double FailureDetectorThreshold { get; init; } = 8.0;

    /// <summary><c>failure-detector.acceptable-heartbeat-pause</c>: a heartbeat pause tolerated before phi rises. Default 3 s; 0 to 1 hour.</summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary><c>failure-detector.min-std-deviation</c>: the floor of the heartbeat intervals' standard deviation. Default 100 ms; 1 ms to 1 hour.</summary>
    public TimeSpan MinStdDeviation { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary><c>failure-detector.max-sample-size</c>: heartbeat intervals kept per monitored node. Default 1,000; 1 to 100,000.</summary>
    public int MaxSampleSize { get; init; } = 1000;

    /// <summary>
    /// <c>failure-detector.monitored-by-nr-of-members</c>: how many other members monitor each member with heartbeats (see
    /// <see cref="HeartbeatNodeRing"/>). Default 9; 1 to 1,000.
    /// </summary>
    public int MonitoredByNrOfMembers { get; init; } = 9;

    /// <summary><c>split-brain-resolver.*</c>: the downing settings.</summary>
    public SplitBrainResolverSettings SplitBrainResolver { get; init; } = SplitBrainResolverSettings.Default;

    /// <summary>The failure detector's settings taken from the <c>failure-detector.*</c> keys.</summary>
    public PhiAccrualSettings ToPhiAccrualSettings() => new()
    {
        Threshold = FailureDetectorThreshold,
        MaxSampleSize = MaxSampleSize,
        MinStdDeviation = MinStdDeviation,
        AcceptableHeartbeatPause = AcceptableHeartbeatPause,
        FirstHeartbeatEstimate = HeartbeatInterval,
    };

    /// <summary>Checks every value against the constraint in its documentation, then the split-brain resolver's settings.</summary>
    /// <exception cref="ConfigurationException">A value breaks its constraint; the message names key, value and constraint.</exception>
    public void Validate()
    {
        if (SeedNodes.IsDefault || SeedNodes.Length > 1000)
        {
            throw new ConfigurationException(Key("seed-nodes"), SeedNodes.IsDefault ? null : $"{SeedNodes.Length} entries", "must be a list of at most 1000 addresses");
        }

        var seen = new HashSet<Address>();
        foreach (var seed in SeedNodes)
        {
            if (seed is null || !seed.HasGlobalScope || seed.Port is null || !seen.Add(seed))
            {
                throw new ConfigurationException(Key("seed-nodes"), seed?.ToString(), "each seed node must be a distinct protocol://system@host:port address");
            }
        }

        if (Roles.IsDefault || Roles.Length > 100)
        {
            throw new ConfigurationException(Key("roles"), Roles.IsDefault ? null : $"{Roles.Length} entries", "must be a list of at most 100 roles");
        }

        foreach (var role in Roles)
        {
            if (string.IsNullOrEmpty(role) || role.Length > 200 || role.Any(char.IsWhiteSpace))
            {
                throw new ConfigurationException(Key("roles"), role, "each role must be 1 to 200 characters without whitespace");
            }
        }

        CheckInt("min-nr-of-members", MinNrOfMembers, 1, 100_000);
        CheckDuration("retry-unsuccessful-join-after", RetryUnsuccessfulJoinAfter, TimeSpan.FromMilliseconds(1));
        CheckDuration("gossip-interval", GossipInterval, TimeSpan.FromMilliseconds(1));
        CheckDuration("leader-actions-interval", LeaderActionsInterval, TimeSpan.FromMilliseconds(1));
        CheckDuration("unreachable-nodes-reaper-interval", UnreachableNodesReaperInterval, TimeSpan.FromMilliseconds(1));
        CheckDuration("weakly-up-after", WeaklyUpAfter, TimeSpan.FromMilliseconds(1));
        CheckDuration("failure-detector.heartbeat-interval", HeartbeatInterval, TimeSpan.FromMilliseconds(1));
        if (PruneGossipTombstonesAfter < TimeSpan.Zero || PruneGossipTombstonesAfter > TimeSpan.FromDays(30))
        {
            throw new ConfigurationException(Key("prune-gossip-tombstones-after"), PruneGossipTombstonesAfter.ToString("c", CultureInfo.InvariantCulture), "must be a duration between 0 and 30 days");
        }

        if (!double.IsFinite(FailureDetectorThreshold) || FailureDetectorThreshold < 0.1 || FailureDetectorThreshold > 1000)
        {
            throw new ConfigurationException(Key("failure-detector.threshold"), FailureDetectorThreshold.ToString(CultureInfo.InvariantCulture), "must be a finite number between 0.1 and 1000");
        }

        CheckDuration("failure-detector.acceptable-heartbeat-pause", AcceptableHeartbeatPause, TimeSpan.Zero);
        CheckDuration("failure-detector.min-std-deviation", MinStdDeviation, TimeSpan.FromMilliseconds(1));
        CheckInt("failure-detector.max-sample-size", MaxSampleSize, 1, 100_000);
        CheckInt("failure-detector.monitored-by-nr-of-members", MonitoredByNrOfMembers, 1, 1000);
        if (SplitBrainResolver is null)
        {
            throw new ConfigurationException(Key("split-brain-resolver"), null, "must be set");
        }

        SplitBrainResolver.Validate();
    }

    private static string Key(string name) => Section + "." + name;

    private static void CheckInt(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new ConfigurationException(Key(name), value.ToString(CultureInfo.InvariantCulture), $"must be between {min} and {max}");
        }
    }

    private static void CheckDuration(string name, TimeSpan value, TimeSpan min)
    {
        if (value < min || value > MaxDuration)
        {
            var minText = min.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
            throw new ConfigurationException(Key(name), value.ToString("c", CultureInfo.InvariantCulture), $"must be a duration between {minText} ms and 1 hour");
        }
    }
}
