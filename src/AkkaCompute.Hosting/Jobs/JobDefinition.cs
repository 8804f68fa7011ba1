using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// A parsed and validated job file (see <see cref="JobFileParser"/> for the format): its tasks, with
/// the defaults already applied and generators already expanded, in submission order (the
/// <c>tasks</c> list first, then each generator's tasks in generator order).
/// </summary>
public sealed record JobDefinition
{
    /// <summary><c>job.name</c>: 1 to 200 characters. Default: the job file's name without extension (<c>job</c> for text without a file).</summary>
    public required string Name { get; init; }

    /// <summary>The <c>defaults</c> block (already applied to every task in <see cref="Tasks"/>).</summary>
    public required JobDefaults Defaults { get; init; }

    /// <summary>Every task: valid, unique ids, no unknown references, no cycles. At least one, at most <see cref="MaxTasks"/>.</summary>
    public required IReadOnlyList<TaskSpec> Tasks { get; init; }

    /// <summary><c>job.output</c>: absolute path of the JSONL file for the results (resolved against the job file's directory); null when not set.</summary>
    public string? OutputPath { get; init; }

    /// <summary><c>job.workers</c>: executor pool size for this job, 1 to 1024; null for the node's setting.</summary>
    public int? Workers { get; init; }

    /// <summary><c>job.max-tasks</c>: the limit on the number of tasks (listed plus generated), 1 to 10,000,000. Default 1,000,000.</summary>
    public int MaxTasks { get; init; } = JobFileParser.DefaultMaxTasks;

    /// <summary>The file the job was read from as given to the parser, or null for text.</summary>
    public string? SourceFile { get; init; }

    /// <summary>The absolute directory relative paths were resolved against (the job file's directory).</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>
    /// The names the file's <c>${NAME}</c> and <c>${?NAME}</c> substitutions read (segments joined with '.', as the
    /// environment is asked for them), whether or not the file itself defines them; in ordinal order. A value given
    /// for any other name is never read.
    /// </summary>
    public IReadOnlySet<string> SubstitutionNames { get; init; } = new SortedSet<string>(StringComparer.Ordinal);
}
