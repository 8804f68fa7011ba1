namespace AkkaCompute.Hosting.Settings;

/// <summary>Binds each section of <c>akc</c> to its record, enforcing the ranges documented on the records.</summary>
internal static class SectionBinders
{
    /// <summary>Longest accepted task timeout: 7 days.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(7);

    public static ExecutorSettings Executor(SettingsReader r)
    {
        var backoffBase = r.Duration("backoff-base", TimeSpan.FromHours(1));
        var backoffMax = r.Duration("backoff-max", TimeSpan.FromDays(1));
        if (backoffMax < backoffBase)
            throw r.Error("backoff-max", $"must be at least {r.FullKey("backoff-base")} ({SettingsFormat.Duration(backoffBase)})");
        var defaultTimeout = r.Duration("default-timeout", MaxTimeout);
        var limits = LimitsBinder.Limits(r, "limits");
        var limitsMax = LimitsBinder.Limits(r, "limits.max");
        var maxWallTime = LimitsBinder.MaxWallTime(r);
        LimitsBinder.CheckDefaultsWithinMaximum(r, limits, limitsMax, maxWallTime, defaultTimeout);
        return new ExecutorSettings
        {
            MaxConcurrent = MaxConcurrent(r),
            DefaultTimeout = defaultTimeout,
            Limits = limits,
            LimitsMax = limitsMax,
            MaxWallTime = maxWallTime,
            ShellConfineRoot = LimitsBinder.ConfineRoot(r),
            TimeoutGrace = r.Duration("timeout-grace", TimeSpan.FromMinutes(1)),
            MaxAbandoned = r.Int("max-abandoned", 0, 1024),
            Isolation = r.OptionalString("isolation") switch
            {
                "thread" => Compute.Executors.TaskIsolation.Thread,
                "process" => Compute.Executors.TaskIsolation.Process,
                _ => throw r.Error("isolation", "must be thread or process"),
            },
            MaxRetries = r.Int("max-retries", 0, 100),
            BackoffBase = backoffBase,
            BackoffMax = backoffMax,
            ShellOutputLimitBytes = r.Size("shell.output-limit", 1024, 64L * 1024 * 1024),
            ShellDeny = r.PatternList("shell.deny"),
            ShellAllow = r.PatternList("shell.allow"),
            ShellKillGrace = r.Duration("shell.kill-grace", TimeSpan.FromMinutes(1), positive: false),
            ShellCgroups = r.OptionalString("shell.cgroups") switch
            {
                "auto" => true,
                "off" => false,
                _ => throw r.Error("shell.cgroups", "must be auto or off"),
            },
            FunctionAssemblies = r.StringList("functions.assemblies"),
        };
    }

    public static SchedulerSettings Scheduler(SettingsReader r) => new()
    {
        AgingInterval = r.Duration("aging-interval", TimeSpan.FromDays(1)),
        AgingStep = r.Int("aging-step", 0, 1_000_000),
        MaxQueued = r.Int("max-queued", 1, 100_000_000),
        TagRoles = Compute.Scheduling.TagRouting.Parse(r.StringList("tag-roles"), out var problem) ?? throw r.Error("tag-roles", problem!),
    };

    public static ClusterComputeSettings Cluster(SettingsReader r) => new()
    {
        Acceptance = r.OptionalString("acceptance") switch
        {
            "majority" => AkkaCompute.Node.Peer.AcceptanceConsistency.Majority,
            "local" => AkkaCompute.Node.Peer.AcceptanceConsistency.Local,
            _ => throw r.Error("acceptance", "must be majority or local"),
        },
        AcceptanceTimeout = r.Duration("acceptance-timeout", TimeSpan.FromMinutes(10)),
        Placement = r.OptionalString("placement") switch
        {
            null or "hamming" => AkkaCompute.Node.Peer.PlacementMode.Hamming,
            "home" => AkkaCompute.Node.Peer.PlacementMode.Home,
            _ => throw r.Error("placement", "must be hamming or home"),
        },
        ResultRetention = r.Duration("result-retention", TimeSpan.FromDays(7)),
    };

    public static CacheSettings Cache(SettingsReader r) => new()
    {
        Enabled = r.Bool("enabled"),
        Ttl = r.Duration("ttl", TimeSpan.FromDays(365)),
        MaxEntries = r.Int("max-entries", 1, 100_000_000),
    };

    public static QuotaSettings Quota(SettingsReader r) => new()
    {
        Window = r.Duration("window", TimeSpan.FromDays(1)),
        MaxTasksPerWindow = r.Long("max-tasks-per-window", 0, 1_000_000_000),
        MaxMemoryKeys = r.Long("max-memory-keys", 0, 1_000_000_000),
        MaxStorageBytes = r.Size("max-storage-bytes", 0, long.MaxValue),
    };

    public static MemorySettings Memory(SettingsReader r) => new()
    {
        MaxValueBytes = r.Size("max-value-bytes", 1, 1024 * 1024),
        MaxTotalBytes = r.Size("max-total-bytes", 1024, 1024L * 1024 * 1024),
        Timeout = r.Duration("timeout", TimeSpan.FromMinutes(1)),
    };

    public static StorageSettings Storage(SettingsReader r)
    {
        var dataDir = r.OptionalString("data-dir");
        if (string.IsNullOrWhiteSpace(dataDir)) throw r.Error("data-dir", "must be a non-empty path");
        var db = r.OptionalString("db");
        if (db is not null && db.Trim().Length == 0) throw r.Error("db", "must be a non-empty path, or null for <data-dir>/akc.db");
        return new StorageSettings
        {
            DataDirectory = dataDir,
            DatabasePath = db ?? Path.Combine(dataDir, StorageSettings.DefaultDatabaseFileName),
            BatchSize = r.Int("batch-size", 1, 100_000),
            GroupCommitDelay = r.Duration("group-commit-delay", StorageSettings.GroupCommitDelayMax, positive: false),
        };
    }

    public static string NodeName(SettingsReader r)
    {
        var name = r.OptionalString("node-name");
        if (name is null) return Environment.MachineName;
        if (name.Length is 0 or > 200 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw r.Error("node-name", "must be 1 to 200 characters without whitespace or control characters, or null for the host name");
        return name;
    }

    private static int MaxConcurrent(SettingsReader r) =>
        r.OptionalString("max-concurrent") == "auto"
            ? Math.Clamp(Environment.ProcessorCount, 1, ExecutorSettings.MaxConcurrentLimit)
            : r.Int("max-concurrent", 1, ExecutorSettings.MaxConcurrentLimit);
}
