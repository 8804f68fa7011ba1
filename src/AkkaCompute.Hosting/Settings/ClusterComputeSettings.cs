using AkkaCompute.Node.Peer;

namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// How a cluster member holds the batches it accepts. HOCON section <c>akc.cluster</c>; defaults equal
/// <c>hocon/reference.conf</c>, ranges are enforced by <see cref="NodeSettingsBinder"/>.
/// </summary>
public sealed record ClusterComputeSettings
{
    /// <summary>
    /// <c>akc.cluster.acceptance</c>: <c>majority</c> (the default: a batch is acknowledged once a majority of the members hold
    /// it, so it survives the loss of any one member) or <c>local</c> (acknowledged at once; lost if its home dies before gossip
    /// spread it).
    /// </summary>
    public AcceptanceConsistency Acceptance { get; init; } = AcceptanceConsistency.Majority;

    /// <summary><c>akc.cluster.acceptance-timeout</c>: how long a home waits for a majority before it refuses a batch. Default 5 s; greater than 0, at most 10 minutes.</summary>
    public TimeSpan AcceptanceTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>akc.cluster.placement</c>: where a home first places an accepted task: <c>hamming</c> (the default: the member
    /// nearest in Hamming distance, tasks spread) or <c>home</c> (the home itself; idle members steal queued tasks).
    /// </summary>
    public PlacementMode Placement { get; init; } = PlacementMode.Hamming;

    /// <summary><c>akc.cluster.result-retention</c>: how long a finished task's result stays replicated for a successor home. Default 10 minutes; greater than 0, at most 7 days.</summary>
    public TimeSpan ResultRetention { get; init; } = TimeSpan.FromMinutes(10);
}
