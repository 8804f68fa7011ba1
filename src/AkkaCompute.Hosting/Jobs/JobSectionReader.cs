using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>Reads the <c>job</c> and <c>defaults</c> blocks of a job file.</summary>
internal sealed class JobSectionReader(JobReader reader, string baseDirectory)
{
    /// <summary>Keys of the <c>job</c> block.</summary>
    public static readonly string[] JobKeys = ["name", "output", "workers", "max-tasks"];

    /// <summary>Keys of the <c>defaults</c> block.</summary>
    public static readonly string[] DefaultKeys = ["timeout", "max-retries", "priority", "backoff-base", "backoff-max", "cache", "cwd", "env", "tags", "limits"];

    /// <summary>Reads <c>job { name, output, workers, max-tasks }</c>; every key is optional.</summary>
    public JobHeader Header(HoconObject root, string defaultName)
    {
        var job = reader.Object(root, "job", "job") ?? HoconObject.Empty(root.Origin);
        reader.CheckKeys(job, JobKeys, "job");
        var output = reader.String(job, "output", "job", 4096);
        return new JobHeader(
            reader.String(job, "name", "job", 200) ?? defaultName,
            output is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, output)),
            reader.Int(job, "workers", "job", 1, 1024),
            reader.Int(job, "max-tasks", "job", 1, JobFileParser.MaxTasksLimit) ?? JobFileParser.DefaultMaxTasks);
    }

    /// <summary>Reads <c>defaults { ... }</c>; every key is optional.</summary>
    public JobDefaults Defaults(HoconObject root)
    {
        var block = reader.Object(root, "defaults", "defaults") ?? HoconObject.Empty(root.Origin);
        const string context = "defaults";
        reader.CheckKeys(block, DefaultKeys, context);
        var cwd = reader.String(block, "cwd", context, 4096);
        var (limits, wallTime) = new LimitsReader(reader).Read(block, "limits", context);
        var result = new JobDefaults
        {
            Timeout = WallTime.Merge(reader, block, context, reader.Duration(block, "timeout", context, TimeSpan.FromDays(7)), wallTime),
            Limits = limits,
            MaxRetries = reader.Int(block, "max-retries", context, 0, 100),
            Priority = reader.Int(block, "priority", context, -TaskReader.MaxPriority, TaskReader.MaxPriority) ?? 0,
            BackoffBase = reader.Duration(block, "backoff-base", context, TimeSpan.FromDays(1)),
            BackoffMax = reader.Duration(block, "backoff-max", context, TimeSpan.FromDays(1)),
            Cache = reader.Bool(block, "cache", context) ?? true,
            WorkingDirectory = cwd is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, cwd)),
            Environment = reader.StringMap(block, "env", context) ?? new Dictionary<string, string>(),
            Tags = reader.StringList(block, "tags", context, 100) ?? [],
        };
        if (result.BackoffBase is { } b && result.BackoffMax is { } m && m < b)
            reader.Errors.Add(block.Origin, "defaults: backoff-max must be at least backoff-base");
        return result;
    }
}
