using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkkaCompute.Compute.Tasks;

/// <summary>What a task runs: a registered .NET function or a shell command.</summary>
public enum TaskKind
{
    /// <summary>A registered .NET function called with JSON arguments.</summary>
    Function,

    /// <summary>A command run with <c>/bin/sh -c</c>.</summary>
    Shell,
}

/// <summary>
/// One unit of work, as submitted. Immutable and serializable (System.Text.Json), so it crosses the
/// network unchanged. Arguments may reference other tasks' results with <c>{"$ref": "taskId"}</c> or
/// <c>{"$ref": "taskId.path.into.json"}</c>, in positional (array) or named (object) arguments.
/// </summary>
public sealed record TaskSpec
{
    /// <summary>Unique id within a job or client: 1 to 200 characters of letters, digits, '-', '_', ':', '.' and '/' (not starting with '.').</summary>
    public required string Id { get; init; }

    /// <summary>Function or shell.</summary>
    public TaskKind Kind { get; init; } = TaskKind.Function;

    /// <summary>For <see cref="TaskKind.Function"/>: the registered function's name, e.g. <c>sha256</c>.</summary>
    [JsonConverter(typeof(Distributed.RecentStringConverter))]
    public string? Function { get; init; }

    /// <summary>For functions: the arguments, a JSON array (positional) or object (named). Default: an empty object.</summary>
    [JsonConverter(typeof(SharedEmptyObjectConverter))]
    public JsonElement Args { get; init; } = EmptyObject;

    /// <summary>For <see cref="TaskKind.Shell"/>: the command line given to <c>/bin/sh -c</c>.</summary>
    public string? Command { get; init; }

    /// <summary>For shell tasks: the working directory; null for the node's current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>For shell tasks: extra environment variables.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>
    /// Files the task reads (absolute, or relative to <see cref="WorkingDirectory"/>). For shell tasks: their content makes
    /// the result cacheable (no inputs: not cached). For shell and function tasks: their content is part of the task's
    /// <see cref="Execution.InputFingerprint"/>, so changing one changes the cache key and makes a resubmitted task that
    /// succeeded run again. A function's own file arguments (<see cref="Execution.InputFileAttribute"/>) count without
    /// being listed here. At most 10,000.
    /// </summary>
    public IReadOnlyList<string>? Inputs { get; init; }

    /// <summary>Priority: higher runs first; equal priorities run in submission order. Default 0; range -1,000,000 to 1,000,000.</summary>
    public int Priority { get; init; }

    /// <summary>Per-attempt timeout; null for the node's <c>executor.default-timeout</c>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Retries after a failed or timed-out attempt; null for the node's <c>executor.max-retries</c>. At most 100.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>First retry delay before jitter; null for <c>executor.backoff-base</c>.</summary>
    public TimeSpan? BackoffBase { get; init; }

    /// <summary>Largest retry delay; null for <c>executor.backoff-max</c>.</summary>
    public TimeSpan? BackoffMax { get; init; }

    /// <summary>False opts this task out of the result cache. Default true.</summary>
    public bool Cache { get; init; } = true;

    /// <summary>Ids of tasks that must succeed first, in addition to those referenced with <c>$ref</c>.</summary>
    [JsonConverter(typeof(SharedEmptyStringListConverter))]
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The submitting client (for quotas and history); null for the local user.</summary>
    [JsonConverter(typeof(Distributed.RecentStringConverter))]
    public string? ClientId { get; init; }

    /// <summary>Free-form labels for history queries.</summary>
    [JsonConverter(typeof(SharedEmptyStringListConverter))]
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>For function tasks: where they run (<c>isolation = process</c> in a job file); null for the node's <c>akc.executor.isolation</c>.</summary>
    public Executors.TaskIsolation? Isolation { get; init; }

    /// <summary>
    /// For shell tasks: resource limits (CPU seconds, memory, processes, output bytes; <c>limits { ... }</c> in a job
    /// file); null, or a null field, for the node's default (<c>akc.executor.limits</c>). Wall time is <see cref="Timeout"/>.
    /// </summary>
    public Execution.Limits.TaskLimits? Limits { get; init; }

    /// <summary>Roles a cluster member must have to run this task (<c>requires = ["gpu"]</c>); empty for any member. A single node ignores them.</summary>
    [JsonConverter(typeof(SharedEmptyStringListConverter))]
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>
    /// The earliest time the task may start (<c>run-at</c> in a job file, or acceptance time + <see cref="Delay"/>, set by the
    /// node that accepts it so that a restart does not restart the delay). Until then its home holds it as
    /// <see cref="TaskState.Scheduled"/>; a task overdue (e.g. after downtime) runs at once. Null: as soon as it is ready.
    /// </summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>
    /// <c>delay</c> in a job file: how long after acceptance the task may start (0 to 366 days). The accepting node turns it
    /// into <see cref="NotBefore"/>; ignored when <see cref="NotBefore"/> is already set. Null: no delay.
    /// </summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>
    /// <c>cron</c> in a job file: a recurring task, a five-field (or six-field, with seconds) cron expression parsed by Cronos,
    /// e.g. <c>0 3 * * *</c>, read in <see cref="TimeZone"/>. Each occurrence is its own task whose id is
    /// <c>{Id}@{occurrence, UTC, yyyy-MM-ddTHH:mm:ssZ}</c> (see <see cref="Scheduling.Recurrence"/>). Null: not recurring.
    /// </summary>
    public string? Cron { get; init; }

    /// <summary><c>time-zone</c> in a job file: the IANA id <see cref="Cron"/> is read in, e.g. <c>Europe/Berlin</c>. Null: UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>For one occurrence of a recurring task: the recurring task's id (the chain it belongs to); null for any other task.</summary>
    public string? RecurrenceOf { get; init; }

    /// <summary>An empty JSON object.</summary>
    public static JsonElement EmptyObject { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}
