namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// The job file's <c>defaults { ... }</c> block: values every task gets unless it sets its own.
/// A null here means "not set in the job": the node's settings apply (e.g. <c>akc.executor.default-timeout</c>).
/// </summary>
public sealed record JobDefaults
{
    /// <summary><c>timeout</c>: per-attempt timeout. Greater than 0, at most 7 days; null for the node's default.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary><c>max-retries</c>: retries after a failed attempt, 0 to 100; null for the node's default.</summary>
    public int? MaxRetries { get; init; }

    /// <summary><c>priority</c>: higher runs first, -1,000,000 to 1,000,000. Default 0.</summary>
    public int Priority { get; init; }

    /// <summary><c>backoff-base</c>: first retry delay, greater than 0, at most 1 day; null for the node's default.</summary>
    public TimeSpan? BackoffBase { get; init; }

    /// <summary><c>backoff-max</c>: largest retry delay, greater than 0, at most 1 day; null for the node's default.</summary>
    public TimeSpan? BackoffMax { get; init; }

    /// <summary><c>cache</c>: false opts tasks out of the result cache. Default true.</summary>
    public bool Cache { get; init; } = true;

    /// <summary><c>cwd</c>: shell tasks' working directory, absolute (resolved against the job file's directory). Null: the job file's directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary><c>env</c>: environment variables of shell tasks; a task's own <c>env</c> adds to and overrides these. Default empty.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// <c>limits</c>: resource limits of shell tasks (cpu, memory, processes, output); a task's own <c>limits</c> override
    /// these field by field. Null: none set in the job (the node's <c>akc.executor.limits</c> apply). A <c>wall-time</c>
    /// here is folded into <see cref="Timeout"/>.
    /// </summary>
    public Compute.Execution.Limits.TaskLimits? Limits { get; init; }

    /// <summary><c>tags</c>: labels added before every task's own tags. Default empty.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
