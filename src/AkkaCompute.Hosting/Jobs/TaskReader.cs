using AkkaCompute.Compute.Node;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Compute.Workflows;
using AkkaCompute.Hosting.Hocon;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// Reads one task object of a job file into a <see cref="TaskSpec"/>, applying the job's defaults.
/// Keys: <c>id</c>, exactly one of <c>function</c> and <c>shell</c>, <c>args</c> (functions only),
/// <c>cwd</c> and <c>env</c> (shell only), <c>inputs</c> (files the task reads: shell tasks are cached by them, and for
/// both kinds a changed input makes a resubmitted task that succeeded run again), <c>timeout</c>, <c>max-retries</c>,
/// <c>backoff-base</c>, <c>backoff-max</c>, <c>priority</c>, <c>cache</c>, <c>depends-on</c>, <c>tags</c>, <c>requires</c>, <c>isolation</c>,
/// <c>limits</c> (shell only: <see cref="LimitsReader"/>; its <c>wall-time</c> is the <c>timeout</c>),
/// and when it runs: <c>run-at</c>, <c>delay</c>, or <c>cron</c> with <c>time-zone</c> (see TaskReader.Timing.cs).
/// With <see cref="JobChecks.KnownFunctions"/>, a function must be one of them.
/// </summary>
internal sealed partial class TaskReader(JobReader reader, HoconJson json, JobDefaults defaults, string baseDirectory, JobChecks? checks = null)
{
    /// <summary>Every key a task may have.</summary>
    public static readonly string[] Keys =
    [
        "id", "function", "shell", "args", "timeout", "max-retries", "backoff-base", "backoff-max",
        "priority", "inputs", "env", "cwd", "cache", "depends-on", "tags", "requires", "isolation", "limits",
        "run-at", "delay", "cron", "time-zone",
    ];

    /// <summary>Lowest and highest priority.</summary>
    public const int MaxPriority = 1_000_000;

    /// <summary>Longest shell command: 100,000 characters.</summary>
    public const int MaxCommandLength = 100_000;

    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(7);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromDays(1);

    /// <summary>Reads a task; null after recording errors.</summary>
    /// <param name="value">The task value.</param>
    /// <param name="generatedId">The id of a generated task when its template sets none; null for listed tasks.</param>
    /// <param name="fallbackContext">Message prefix when the task has no usable id, e.g. <c>task #3</c>.</param>
    /// <param name="origins">Where the task and its references were written.</param>
    /// <returns>The task, or null.</returns>
    public TaskSpec? Read(HoconValue value, string? generatedId, string fallbackContext, out TaskOrigins origins)
    {
        var before = reader.Errors.Reported;
        origins = new TaskOrigins(value.Origin, value.Origin, fallbackContext);
        if (value is not HoconObject task)
        {
            reader.Errors.Add(value.Origin, $"{fallbackContext}: must be an object {{ id = ..., function = ... }} or {{ id = ..., shell = ... }}");
            return null;
        }
        var id = Id(task, generatedId, fallbackContext, ref origins);
        var context = origins.Context;
        reader.CheckKeys(task, Keys, context);
        var function = reader.String(task, "function", context, 200);
        var command = reader.String(task, "shell", context, MaxCommandLength);
        var hasFunction = JobReader.Get(task, "function") is not null;
        var hasShell = JobReader.Get(task, "shell") is not null;
        if (function is not null && checks?.KnownFunctions is { } known && !known.Contains(function))
            reader.Errors.Add(JobReader.Get(task, "function")!.Origin, $"{context}: {checks.UnknownFunction(function)}");
        if (hasFunction == hasShell)
            reader.Errors.Add(task.Origin, hasShell
                ? $"{context}: has both 'function' and 'shell'; set exactly one"
                : $"{context}: needs 'function' (a registered .NET function) or 'shell' (a command)");
        var refs = new Dictionary<string, HoconOrigin>(StringComparer.Ordinal);
        var args = Args(task, hasShell, context, refs);
        var (cwd, env, inputs) = hasShell ? ShellParts(task, context) : (null, null, FunctionInputs(task, context));
        if (!hasShell) OnlyForShell(task, context);
        var backoffBase = reader.Duration(task, "backoff-base", context, MaxBackoff) ?? defaults.BackoffBase;
        var backoffMax = reader.Duration(task, "backoff-max", context, MaxBackoff) ?? defaults.BackoffMax;
        if (backoffBase is { } b && backoffMax is { } m && m < b)
            reader.Errors.Add(task.Origin, $"{context}: backoff-max ({SettingsFormat.Duration(m)}) must be at least backoff-base ({SettingsFormat.Duration(b)})");
        var dependsOn = reader.StringList(task, "depends-on", context) ?? [];
        var tags = reader.StringList(task, "tags", context, 100) ?? [];
        var requires = reader.StringList(task, "requires", context, TaskSpecValidator.MaxRequiredRoles) ?? [];
        var isolation = Isolation(task, hasShell, context);
        foreach (var role in requires.Where(r => !TaskSpecValidator.RoleValid(r)))
            reader.Errors.Add(JobReader.Get(task, "requires")!.Origin, $"{context}: requires: '{role}' is not a role name ({TaskSpecValidator.RoleRule})");
        var (ownLimits, wallTime) = new LimitsReader(reader).Read(task, "limits", context);
        if (!hasShell && JobReader.Get(task, "limits") is { } limitsValue)
            reader.Errors.Add(limitsValue.Origin, $"{context}: limits apply to shell tasks only (a function runs inside the node or its worker process)");
        var limits = hasShell ? ownLimits?.Or(defaults.Limits) ?? defaults.Limits : null;
        var timeout = WallTime.Merge(reader, task, context, reader.Duration(task, "timeout", context, MaxTimeout), wallTime) ?? defaults.Timeout;
        var maxRetries = reader.Int(task, "max-retries", context, 0, 100) ?? defaults.MaxRetries;
        var priority = reader.Int(task, "priority", context, -MaxPriority, MaxPriority) ?? defaults.Priority;
        var cache = reader.Bool(task, "cache", context) ?? defaults.Cache;
        var timing = Timing(task, context, dependsOn.Count > 0 || refs.Count > 0);
        if (reader.Errors.Reported != before || id is null) return null;
        if (refs.Count > 0) origins.Refs = refs;
        if (dependsOn.Count > 0) origins.DependsOn = DependsOnOrigins(task);
        return new TaskSpec
        {
            Id = id,
            Kind = hasShell ? TaskKind.Shell : TaskKind.Function,
            Function = function,
            Command = command,
            Args = args ?? TaskSpec.EmptyObject,
            WorkingDirectory = cwd,
            Environment = env,
            Inputs = inputs,
            Timeout = timeout,
            MaxRetries = maxRetries,
            BackoffBase = backoffBase,
            BackoffMax = backoffMax,
            Priority = priority,
            Cache = cache,
            DependsOn = dependsOn,
            Requires = requires,
            Isolation = isolation,
            Limits = limits,
            NotBefore = timing.RunAt,
            Delay = timing.Delay,
            Cron = timing.Cron,
            TimeZone = timing.TimeZone,
            Tags = defaults.Tags.Count == 0 ? tags : [.. defaults.Tags, .. tags.Where(t => !defaults.Tags.Contains(t))],
        };
    }

    /// <summary>A function task's <c>isolation</c> (<c>thread</c> or <c>process</c>); null when unset or after recording an error.</summary>
    private Compute.Executors.TaskIsolation? Isolation(HoconObject task, bool hasShell, string context)
    {
        if (JobReader.Get(task, "isolation") is not { } value)
            return null;
        var text = reader.String(task, "isolation", context, 20);
        if (hasShell)
        {
            reader.Errors.Add(value.Origin, $"{context}: isolation applies to function tasks (a shell command always runs in its own process)");
            return null;
        }

        switch (text)
        {
            case "thread": return Compute.Executors.TaskIsolation.Thread;
            case "process": return Compute.Executors.TaskIsolation.Process;
            case null: return null;
            default:
                reader.Errors.Add(value.Origin, $"{context}: isolation must be thread or process, not '{text}'");
                return null;
        }
    }

    private string? Id(HoconObject task, string? generatedId, string fallbackContext, ref TaskOrigins origins)
    {
        var idValue = JobReader.Get(task, "id");
        var id = idValue is null ? generatedId : reader.String(task, "id", fallbackContext, 10_000);
        if (id is null)
        {
            if (idValue is null) reader.Errors.Add(task.Origin, $"{fallbackContext}: missing 'id'");
            return null;
        }
        origins = origins with { Id = idValue?.Origin ?? task.Origin, Context = $"task '{id}'" };
        if (TaskIds.Problem(id) is not { } problem) return id;
        reader.Errors.Add(idValue?.Origin ?? task.Origin, $"task '{id}': invalid id: {problem}");
        return null;
    }

    private System.Text.Json.JsonElement? Args(HoconObject task, bool hasShell, string context, Dictionary<string, HoconOrigin> refs)
    {
        if (JobReader.Get(task, "args") is not { } value) return null;
        if (hasShell)
        {
            reader.Bad(context, "args", value, "is only for function tasks (a shell task gets its input from its command, env and files)");
            return null;
        }
        if (value is not (HoconObject or HoconArray))
        {
            reader.Bad(context, "args", value, "must be an object (named arguments) or a list (positional arguments)");
            return null;
        }
        return json.Convert(value, context, refs);
    }

    private (string? Cwd, IReadOnlyDictionary<string, string>? Env, IReadOnlyList<string>? Inputs) ShellParts(HoconObject task, string context)
    {
        var cwdText = reader.String(task, "cwd", context, 4096);
        var cwd = cwdText is null ? defaults.WorkingDirectory ?? baseDirectory : Path.GetFullPath(Path.Combine(baseDirectory, cwdText));
        var own = reader.StringMap(task, "env", context);
        var env = defaults.Environment.Count == 0 ? own : own is null ? defaults.Environment
            : defaults.Environment.Concat(own).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var inputs = reader.StringList(task, "inputs", context, 10_000)?.Select(p => Path.GetFullPath(Path.Combine(cwd, p))).ToList();
        return (cwd, env is { Count: > 0 } ? env : null, inputs);
    }

    /// <summary>A function task's <c>inputs</c>: relative paths resolve against the defaults' <c>cwd</c>, else the job file's directory.</summary>
    private IReadOnlyList<string>? FunctionInputs(HoconObject task, string context) =>
        reader.StringList(task, "inputs", context, 10_000)?.Select(p => Path.GetFullPath(Path.Combine(defaults.WorkingDirectory ?? baseDirectory, p))).ToList();

    private void OnlyForShell(HoconObject task, string context)
    {
        foreach (var key in new[] { "cwd", "env" })
        {
            if (JobReader.Get(task, key) is { } value) reader.Bad(context, key, value, "is only for shell tasks");
        }
    }

    private static Dictionary<string, HoconOrigin> DependsOnOrigins(HoconObject task)
    {
        var result = new Dictionary<string, HoconOrigin>(StringComparer.Ordinal);
        foreach (var item in ((HoconArray)JobReader.Get(task, "depends-on")!).Items) result.TryAdd(((HoconScalar)item).Text, item.Origin);
        return result;
    }
}
