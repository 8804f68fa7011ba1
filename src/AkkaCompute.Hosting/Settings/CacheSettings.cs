namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// The result cache. HOCON section <c>akc.cache</c>; defaults equal <c>hocon/reference.conf</c>,
/// ranges are enforced by <see cref="NodeSettingsBinder"/>.
/// </summary>
public sealed record CacheSettings
{
    /// <summary><c>akc.cache.enabled</c>: whether successful results are cached. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>akc.cache.ttl</c>: how long a cached result is served. Default 1 hour; greater than 0, at most 365 days.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromHours(1);

    /// <summary><c>akc.cache.max-entries</c>: most cached results; the least recently used is evicted beyond it. Default 10,000; 1 to 100,000,000.</summary>
    public int MaxEntries { get; init; } = 10_000;
}
