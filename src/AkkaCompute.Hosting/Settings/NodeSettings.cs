using AkkaCompute.Cluster;
using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Remote;

namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// Everything a node reads from its configuration (HOCON block <c>akc</c>). Build it with
/// <see cref="NodeSettingsLoader.Load"/> (reference defaults, file, environment, flags) or
/// <see cref="NodeSettingsBinder.Bind"/>; <c>new NodeSettings()</c> gives the defaults of
/// <c>hocon/reference.conf</c> without any validation.
/// </summary>
public sealed record NodeSettings
{
    /// <summary>
    /// <c>akc.node-name</c>: this node's name in logs and history. Default (null in HOCON) the
    /// machine's host name; 1 to 200 characters without whitespace or control characters.
    /// </summary>
    public string NodeName { get; init; } = Environment.MachineName;

    /// <summary><c>akc.executor</c>: pool size, timeouts, retries, shell and function policies.</summary>
    public ExecutorSettings Executor { get; init; } = new();

    /// <summary><c>akc.scheduler</c>: aging and queue limits.</summary>
    public SchedulerSettings Scheduler { get; init; } = new();

    /// <summary><c>akc.cache</c>: the result cache.</summary>
    public CacheSettings Cache { get; init; } = new();

    /// <summary><c>akc.quota</c>: per-client limits.</summary>
    public QuotaSettings Quota { get; init; } = new();

    /// <summary><c>akc.storage</c>: data directory, database and journal batching.</summary>
    public StorageSettings Storage { get; init; } = new();

    /// <summary>
    /// <c>akc.system-name</c>: the actor system's name, part of every node address (<c>akc.tcp://NAME@host:port</c>); all nodes of
    /// one cluster use the same. Default <c>akc</c>; 1 to 100 letters, digits, '-' or '_', starting with a letter or digit.
    /// </summary>
    public string SystemName { get; init; } = "akc";

    /// <summary><c>akc.remote</c>: the node's network endpoint, transport limits and security (none, tls or psk).</summary>
    public RemoteSettings Remote { get; init; } = new();

    /// <summary><c>akc.cluster</c>: seed nodes, roles, gossip and failure-detector timing, split-brain resolver.</summary>
    public ClusterSettings Cluster { get; init; } = ClusterSettings.Default;

    /// <summary>
    /// <c>akc.cluster.seed-node-timeout</c>, <c>failure-detector.expected-response-after</c>, <c>gossip-different-view-probability</c>,
    /// <c>reduce-gossip-different-view-probability</c>: the membership core's tuning beyond <see cref="Cluster"/>.
    /// </summary>
    public ClusterCoreOptions ClusterCore { get; init; } = ClusterCoreOptions.Default;

    /// <summary><c>akc.management</c>: the HTTP management endpoint of <c>akc node</c>.</summary>
    public ClusterManagementSettings Management { get; init; } = new();
}
