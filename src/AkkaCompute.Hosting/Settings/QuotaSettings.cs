namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// Per-client limits. HOCON section <c>akc.quota</c>; defaults equal <c>hocon/reference.conf</c>,
/// ranges are enforced by <see cref="NodeSettingsBinder"/>. For every limit, 0 means unlimited.
/// </summary>
public sealed record QuotaSettings
{
    /// <summary><c>akc.quota.window</c>: the window over which <see cref="MaxTasksPerWindow"/> counts. Default 1 minute; greater than 0, at most 1 day.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary><c>akc.quota.max-tasks-per-window</c>: most tasks one client may submit per window. Default 0 = unlimited; at most 1,000,000,000.</summary>
    public long MaxTasksPerWindow { get; init; }

    /// <summary><c>akc.quota.max-memory-keys</c>: most shared-memory keys one client may hold. Default 0 = unlimited; at most 1,000,000,000.</summary>
    public long MaxMemoryKeys { get; init; }

    /// <summary><c>akc.quota.max-storage-bytes</c> (a size, e.g. <c>10GiB</c>): most bytes one client may hold. Default 0 = unlimited; not negative.</summary>
    public long MaxStorageBytes { get; init; }
}
