namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// The shared memory (a replicated key-value map, <c>akc memory</c>). HOCON section <c>akc.memory</c>; defaults equal
/// <c>hocon/reference.conf</c>, ranges are enforced by <see cref="NodeSettingsBinder"/>. Per-client limits are in
/// <see cref="QuotaSettings"/> (<c>max-memory-keys</c>, <c>max-storage-bytes</c>).
/// </summary>
public sealed record MemorySettings
{
    /// <summary><c>akc.memory.max-value-bytes</c> (a size): largest value, UTF-8 bytes of its JSON. Default 64 KiB; 1 B to 1 MiB.</summary>
    public long MaxValueBytes { get; init; } = 64 * 1024;

    /// <summary><c>akc.memory.max-total-bytes</c> (a size): most bytes the whole map holds over all clients. Default 64 MiB; 1 KiB to 1 GiB.</summary>
    public long MaxTotalBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary><c>akc.memory.timeout</c>: how long a majority or all read or write waits for the other members. Default 5 s; greater than 0, at most 1 min.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}
