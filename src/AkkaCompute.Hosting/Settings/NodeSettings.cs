using Akka.Configuration;

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

    /// <summary><c>akc.cluster</c>: how a cluster member holds the batches it accepts (durable acceptance).</summary>
    public ClusterComputeSettings Cluster { get; init; } = new();

    /// <summary><c>akc.cache</c>: the result cache.</summary>
    public CacheSettings Cache { get; init; } = new();

    /// <summary><c>akc.quota</c>: per-client limits.</summary>
    public QuotaSettings Quota { get; init; } = new();

    /// <summary><c>akc.memory</c>: the shared memory's value and size limits and its timeout.</summary>
    public MemorySettings Memory { get; init; } = new();

    /// <summary><c>akc.storage</c>: data directory, database and journal batching.</summary>
    public StorageSettings Storage { get; init; } = new();

    /// <summary>
    /// <c>akc.system-name</c>: the actor system's name, part of every node address (<c>akka.tcp://NAME@host:port</c>); all nodes of
    /// one cluster use the same. Default <c>akc</c>; 1 to 100 letters, digits, '-' or '_', starting with a letter or digit.
    /// </summary>
    public string SystemName { get; init; } = "akc";

    /// <summary>
    /// Akka's settings for the node (<c>akka { }</c>: remoting, membership, failure detection, split-brain resolver), read with Akka's
    /// HOCON parser: <c>hocon/akka.conf</c>, then the user's file, then <c>--set akka.*</c> overrides (see <see cref="AkkaNodeConfig"/>).
    /// Akka's own reference configurations are not included: the actor system adds them. Default: <see cref="AkkaNodeConfig.Defaults"/>.
    /// </summary>
    public Config Akka { get; init; } = AkkaNodeConfig.Defaults;

    /// <summary><c>akc.management</c>: the HTTP management endpoint of <c>akc node</c>.</summary>
    public ClusterManagementSettings Management { get; init; } = new();
}
