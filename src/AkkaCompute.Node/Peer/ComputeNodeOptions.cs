using Akka.Actor;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.Quotas;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Node.Peer;

/// <summary>
/// What a node's PeerActor needs: limits, retry defaults, cache and quota settings, how to run
/// tasks and where history goes. Bound from the HOCON settings by the hosting layer.
/// </summary>
public sealed record ComputeNodeOptions
{
    /// <summary>Runs task attempts (functions and shell commands).</summary>
    public required ITaskRunner Runner { get; init; }

    /// <summary>Props of the history actor (a persistent actor over the configured journal).</summary>
    public required Props HistoryProps { get; init; }

    /// <summary>Content key of a cacheable task, or null when it is not cacheable. The node mixes the task's input fingerprint into it (<c>CacheKey.WithInputs</c>).</summary>
    public required Func<TaskSpec, string?> CacheKeyOf { get; init; }

    /// <summary>
    /// The fingerprint of the files a task (its <c>$ref</c>s resolved) declares it reads (<c>InputFingerprint.Of(TaskInputFiles.Of(task, functions))</c>
    /// in a hosted node), or null when it declares none. Called when a task is queued to run, and for each resubmitted task that
    /// succeeded before: a different fingerprint then runs it again. It may read files; an exception counts as null. Default: none.
    /// </summary>
    public Func<TaskSpec, string?> InputFingerprintOf { get; init; } = static _ => null;

    /// <summary>
    /// A node-specific check of each submitted task after <c>TaskSpecValidator</c> (the hosted node's: resource limits above
    /// <c>akc.executor.limits.max</c>, a working directory outside <c>akc.executor.shell.confine-root</c>): a non-null
    /// reason, naming the task, refuses the whole batch with it (<c>BatchRefused</c>) before anything is recorded.
    /// Must be thread-safe and quick. Default: none.
    /// </summary>
    public Func<TaskSpec, string?>? AcceptanceCheck { get; init; }

    /// <summary><c>executor.max-concurrent</c>: attempts running at once. Default: processor count.</summary>
    public int MaxConcurrent { get; init; } = Environment.ProcessorCount;

    /// <summary><c>executor.default-timeout</c>: timeout of tasks that set none. Default 10 minutes.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// <c>executor.timeout-grace</c>: how long an attempt has, once its token is cancelled (timeout or cancel), to return
    /// before it is abandoned (reported TimedOut or Cancelled, its executor freed, its thread left to run on). Default 1 s.
    /// </summary>
    public TimeSpan TimeoutGrace { get; init; } = Executors.ExecutorActor.DefaultTimeoutGrace;

    /// <summary>
    /// <c>executor.max-abandoned</c>: abandoned function attempts still running at which the node refuses new function
    /// tasks (with an error saying why) until one returns; shell tasks still run. Default 8.
    /// </summary>
    public int MaxAbandoned { get; init; } = Executors.ExecutorRouter.DefaultMaxAbandoned;

    /// <summary><c>executor.max-retries</c>: retries of tasks that set none. Default 0.</summary>
    public int DefaultMaxRetries { get; init; }

    /// <summary><c>executor.backoff-base</c>: first retry delay before jitter. Default 200 ms.</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary><c>executor.backoff-max</c>: largest retry delay. Default 30 s.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>scheduler.aging-interval</c>. Default 30 s.</summary>
    public TimeSpan AgingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>scheduler.aging-step</c>: priority gained per interval waited. Default 1.</summary>
    public int AgingStep { get; init; } = 1;

    /// <summary><c>scheduler.max-queued</c>. Default 1,000,000.</summary>
    public int MaxQueued { get; init; } = 1_000_000;

    /// <summary><c>cache.enabled</c>. Default true.</summary>
    public bool CacheEnabled { get; init; } = true;

    /// <summary><c>cache.max-entries</c>. Default 10,000.</summary>
    public int CacheMaxEntries { get; init; } = 10_000;

    /// <summary><c>cache.ttl</c>. Default 1 hour.</summary>
    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// In a cluster: whether an idle member takes queued tasks from a busy one (work stealing, <see cref="Compute.Distributed.WorkStealing"/>).
    /// Default true.
    /// </summary>
    public bool WorkStealing { get; init; } = true;

    /// <summary>In a cluster: how often a member reports its load to the others and considers stealing. Default 250 ms.</summary>
    public TimeSpan LoadReportInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// <c>cluster.acceptance</c>: in a cluster, how many members must hold an accepted batch before its home acknowledges it:
    /// <see cref="AcceptanceConsistency.Majority"/> (the default: the batch survives the loss of any one member) or
    /// <see cref="AcceptanceConsistency.Local"/> (acknowledged at once, replicated by gossip after; lost if the home dies first).
    /// </summary>
    public AcceptanceConsistency Acceptance { get; init; } = AcceptanceConsistency.Majority;

    /// <summary>
    /// In a cluster: where a home first places an accepted task (<c>akc.cluster.placement</c>): <see cref="PlacementMode.Hamming"/>
    /// (the default) or <see cref="PlacementMode.Home"/> (on the home itself; idle members steal).
    /// </summary>
    public PlacementMode Placement { get; init; } = PlacementMode.Hamming;

    /// <summary><c>cluster.acceptance-timeout</c>: how long a home waits for a majority to hold a batch before it refuses it. Default 5 s.</summary>
    public TimeSpan AcceptanceTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>cluster.result-retention</c>: how long a finished task stays in the replicated accepted-task set (so that a successor
    /// home can still answer for its result if its home dies). Default 10 minutes.
    /// </summary>
    public TimeSpan ResultRetention { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// <c>scheduler.tag-roles</c>: tag to cluster role; a task carrying the tag requires the role (added to its
    /// <see cref="TaskSpec.Requires"/> when it is accepted). Default empty (tags route nothing).
    /// </summary>
    public IReadOnlyDictionary<string, string> TagRoles { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Per-client quotas. Default unlimited.</summary>
    public QuotaLimits Quotas { get; init; } = QuotaLimits.Unlimited;

    /// <summary>How long the node waits for the history to make an acceptance durable. Default 30 s.</summary>
    public TimeSpan HistoryWriteTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Seed of the retry jitter. Default 1.</summary>
    public int RandomSeed { get; init; } = 1;

    /// <summary>
    /// The clock of the domain (task timestamps, timeouts, cache TTL, quota windows, aging). Default the system clock;
    /// tests pass a <c>FakeTimeProvider</c>. Akka's own scheduler (retry delays, timers) keeps its clock.
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
