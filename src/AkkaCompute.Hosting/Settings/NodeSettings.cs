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
}
