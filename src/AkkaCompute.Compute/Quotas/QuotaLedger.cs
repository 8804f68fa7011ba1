namespace AkkaCompute.Compute.Quotas;

/// <summary>Per-client limits; 0 means unlimited.</summary>
/// <param name="Window">The length of the task-count window.</param>
/// <param name="MaxTasksPerWindow">Tasks a client may submit per window.</param>
/// <param name="MaxMemoryKeys">Keys a client may hold in the shared memory.</param>
/// <param name="MaxStorageBytes">Bytes a client may hold in the shared memory.</param>
public sealed record QuotaLimits(TimeSpan Window, int MaxTasksPerWindow, int MaxMemoryKeys, long MaxStorageBytes)
{
    /// <summary>No limits (window 1 minute).</summary>
    public static QuotaLimits Unlimited { get; } = new(TimeSpan.FromMinutes(1), 0, 0, 0);
}

/// <summary>A refusal: which quota, its limit, and when it resets (null for quotas that free up only when usage drops).</summary>
/// <param name="Quota">e.g. <c>max-tasks-per-window</c>.</param>
/// <param name="Limit">The limit.</param>
/// <param name="Used">Usage at the time of the request.</param>
/// <param name="Requested">What the request asked for.</param>
/// <param name="ResetsAt">When the window resets, if it does.</param>
public sealed record QuotaRefusal(string Quota, long Limit, long Used, long Requested, DateTimeOffset? ResetsAt)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"quota {Quota} exceeded: limit {Limit}, used {Used}, requested {Requested}" + (ResetsAt is { } r ? $", resets at {r:O}" : string.Empty);
}

/// <summary>
/// Usage per client against <see cref="QuotaLimits"/>: tasks per fixed window, memory keys and
/// storage bytes. Pure: the caller passes the time. A refused request changes nothing.
/// </summary>
public sealed class QuotaLedger(QuotaLimits limits)
{
    private readonly Dictionary<string, Usage> _usage = new(StringComparer.Ordinal);

    /// <summary>The limits.</summary>
    public QuotaLimits Limits => limits;

    /// <summary>Takes <paramref name="count"/> task slots for <paramref name="client"/>, or refuses all of them.</summary>
    public QuotaRefusal? TryAcquireTasks(string client, int count, DateTimeOffset now)
    {
        var u = UsageOf(client);
        if (now >= u.WindowStart + limits.Window)
        {
            u.WindowStart = now;
            u.TasksInWindow = 0;
        }

        if (limits.MaxTasksPerWindow > 0 && u.TasksInWindow + count > limits.MaxTasksPerWindow)
        {
            return new QuotaRefusal("max-tasks-per-window", limits.MaxTasksPerWindow, u.TasksInWindow, count, u.WindowStart + limits.Window);
        }

        u.TasksInWindow += count;
        return null;
    }

    /// <summary>Changes the memory usage of <paramref name="client"/> by the given deltas, or refuses.</summary>
    public QuotaRefusal? TryChangeMemory(string client, int keysDelta, long bytesDelta)
    {
        var u = UsageOf(client);
        if (limits.MaxMemoryKeys > 0 && keysDelta > 0 && u.Keys + keysDelta > limits.MaxMemoryKeys)
        {
            return new QuotaRefusal("max-memory-keys", limits.MaxMemoryKeys, u.Keys, keysDelta, null);
        }

        if (limits.MaxStorageBytes > 0 && bytesDelta > 0 && u.Bytes + bytesDelta > limits.MaxStorageBytes)
        {
            return new QuotaRefusal("max-storage-bytes", limits.MaxStorageBytes, u.Bytes, bytesDelta, null);
        }

        u.Keys = Math.Max(0, u.Keys + keysDelta);
        u.Bytes = Math.Max(0, u.Bytes + bytesDelta);
        return null;
    }

    /// <summary>The usage of <paramref name="client"/>: tasks in the current window, keys, bytes.</summary>
    public (int TasksInWindow, int Keys, long Bytes) UsageFor(string client) =>
        _usage.TryGetValue(client, out var u) ? (u.TasksInWindow, u.Keys, u.Bytes) : (0, 0, 0);

    private Usage UsageOf(string client)
    {
        if (!_usage.TryGetValue(client, out var u))
        {
            u = new Usage { WindowStart = DateTimeOffset.MinValue };
            _usage[client] = u;
        }

        return u;
    }

    private sealed class Usage
    {
        public DateTimeOffset WindowStart;
        public int TasksInWindow;
        public int Keys;
        public long Bytes;
    }
}
