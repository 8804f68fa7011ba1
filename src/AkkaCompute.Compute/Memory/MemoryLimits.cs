namespace AkkaCompute.Compute.Memory;

/// <summary>
/// Limits of the shared memory. 0 means unlimited for the per-client limits.
/// </summary>
/// <param name="MaxKeysPerClient">Keys one client may hold (<c>akc.quota.max-memory-keys</c>); 0: unlimited.</param>
/// <param name="MaxBytesPerClient">Bytes (keys plus values, UTF-8) one client may hold (<c>akc.quota.max-storage-bytes</c>); 0: unlimited.</param>
/// <param name="MaxValueBytes">Largest value, UTF-8 bytes of its JSON (<c>akc.memory.max-value-bytes</c>, default 64 KiB).</param>
/// <param name="MaxTotalBytes">Bytes the whole map may hold over all clients (<c>akc.memory.max-total-bytes</c>, default 64 MiB).</param>
public sealed record MemoryLimits(long MaxKeysPerClient, long MaxBytesPerClient, long MaxValueBytes, long MaxTotalBytes)
{
    /// <summary>No per-client limits; values up to 64 KiB; 64 MiB in all.</summary>
    public static MemoryLimits Default { get; } = new(0, 0, 64 * 1024, 64 * 1024 * 1024);
}
