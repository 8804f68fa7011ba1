namespace AkkaCompute.Cli.Management;

/// <summary>The answer of <c>GET /node/stats</c> (<c>akc node stats</c>): one node's load and counters now.</summary>
/// <param name="Node">The node's address.</param>
/// <param name="Queued">Tasks in the scheduler's queue.</param>
/// <param name="QueuedByPriority">Queued tasks by effective priority (decimal priority as the key, highest first; at most 32, the rest under
/// <c>lower</c>), or null when the scheduler did not answer.</param>
/// <param name="Waiting">Accepted tasks waiting for dependencies or a cache answer.</param>
/// <param name="Running">Tasks running now.</param>
/// <param name="Retrying">Tasks waiting for their next attempt.</param>
/// <param name="Executors">The executor pool's size (<c>akc.executor.max-concurrent</c>).</param>
/// <param name="ExecutorsBusy">Executors running a task (at most <paramref name="Executors"/>).</param>
/// <param name="ExecutorsFree">Executors idle.</param>
/// <param name="CacheHits">Succeeded tasks answered from the result cache since the management endpoint started.</param>
/// <param name="CacheMisses">Succeeded tasks that ran since then.</param>
/// <param name="CacheHitRate">Hits / (hits + misses), 0 to 1; null before the first succeeded task.</param>
/// <param name="JournalWriteLatencyMs">Mean latency of the history journal's last 256 writes in milliseconds, or null before the first write
/// (or when the history actor did not answer).</param>
/// <param name="HandedOff">Tasks re-placed because their owner was removed, since the node started.</param>
/// <param name="Stolen">Queued tasks given to idle members (work stealing), since the node started.</param>
/// <param name="Succeeded">Tasks the node knows as succeeded.</param>
/// <param name="Failed">Tasks it knows as failed or timed out.</param>
/// <param name="Cancelled">Tasks it knows as cancelled.</param>
internal sealed record NodeStatsDto(
    string Node,
    int Queued,
    IReadOnlyDictionary<string, int>? QueuedByPriority,
    int Waiting,
    int Running,
    int Retrying,
    int Executors,
    int ExecutorsBusy,
    int ExecutorsFree,
    long CacheHits,
    long CacheMisses,
    double? CacheHitRate,
    double? JournalWriteLatencyMs,
    long? HandedOff,
    long? Stolen,
    int Succeeded,
    int Failed,
    int Cancelled)
{
    /// <summary>
    /// How shell tasks' resource limits are enforced here and the node's defaults, maxima and confinement, one line
    /// (e.g. <c>rlimit (cpu and memory via /usr/bin/prlimit; ...); cgroup v2: not used (...); defaults none; max cpu 10 s;
    /// confine-root none</c>); null when not reported.
    /// </summary>
    public string? Limits { get; init; }

    /// <summary>The node process's garbage collections since it started; null when not reported.</summary>
    public GcStatsDto? Gc { get; init; }
}
