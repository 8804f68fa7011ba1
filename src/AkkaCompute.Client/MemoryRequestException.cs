namespace AkkaCompute.Client;

/// <summary>
/// A shared-memory request failed: a bad key or value, a quota exceeded (<see cref="Quota"/> names it), or fewer members
/// than the consistency asked for answered in time (a write that timed out this way is kept on the contact member and
/// spreads by gossip; the message says so).
/// </summary>
public sealed class MemoryRequestException(string message, string? quota = null) : Exception(message)
{
    /// <summary>The quota that refused the request (<c>max-memory-keys</c>, <c>max-storage-bytes</c>, <c>max-value-bytes</c>, <c>max-total-bytes</c>), or null.</summary>
    public string? Quota { get; } = quota;
}
