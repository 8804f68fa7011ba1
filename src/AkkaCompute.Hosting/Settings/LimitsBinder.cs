using AkkaCompute.Compute.Execution.Limits;
using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// Binds <c>akc.executor.limits</c> (defaults), <c>akc.executor.limits.max</c> (maxima and <c>wall-time</c>) and
/// <c>akc.executor.shell.confine-root</c>; every value may be null (unlimited, no confinement).
/// </summary>
internal static class LimitsBinder
{
    /// <summary>Reads the limits of one block, e.g. <c>limits</c> or <c>limits.max</c>.</summary>
    /// <param name="r">The executor section's reader.</param>
    /// <param name="block">The block, relative to <c>akc.executor</c>.</param>
    /// <returns>The limits; null fields for null values.</returns>
    /// <exception cref="SettingsException">A value is not null and out of range.</exception>
    public static TaskLimits Limits(SettingsReader r, string block) => new()
    {
        Cpu = IsNull(r, block + ".cpu") ? null : Cpu(r, block + ".cpu"),
        MemoryBytes = IsNull(r, block + ".memory") ? null : r.Size(block + ".memory", TaskLimits.MemoryBytesMin, TaskLimits.MemoryBytesMax),
        Processes = IsNull(r, block + ".processes") ? null : r.Int(block + ".processes", 1, TaskLimits.ProcessesMax),
        OutputBytes = IsNull(r, block + ".output") ? null : r.Size(block + ".output", 0, TaskLimits.OutputBytesMax),
    };

    /// <summary>Reads <c>limits.max.wall-time</c>: null, or greater than 0 and at most 7 days.</summary>
    /// <exception cref="SettingsException">The value is out of range.</exception>
    public static TimeSpan? MaxWallTime(SettingsReader r) =>
        IsNull(r, "limits.max.wall-time") ? null : r.Duration("limits.max.wall-time", SectionBinders.MaxTimeout);

    /// <summary>Reads <c>shell.confine-root</c>: null or empty for none, else an existing directory's absolute path.</summary>
    /// <exception cref="SettingsException">The path is relative or no such directory exists.</exception>
    public static string? ConfineRoot(SettingsReader r)
    {
        var root = r.OptionalString("shell.confine-root");
        if (string.IsNullOrEmpty(root))
            return null;
        if (!Path.IsPathFullyQualified(root))
            throw r.Error("shell.confine-root", "must be an absolute path (or empty for no confinement)");
        if (!Directory.Exists(root))
            throw r.Error("shell.confine-root", "must be an existing directory");
        return root;
    }

    /// <summary>Checks that every default is within its maximum and that <c>default-timeout</c> is within <c>max.wall-time</c>.</summary>
    /// <exception cref="SettingsException">A default is above its maximum.</exception>
    public static void CheckDefaultsWithinMaximum(SettingsReader r, TaskLimits defaults, TaskLimits max, TimeSpan? maxWallTime, TimeSpan defaultTimeout)
    {
        if (defaults.Cpu > max.Cpu)
            throw r.Error("limits.cpu", $"must be at most {r.FullKey("limits.max.cpu")} ({TaskLimits.FormatCpu(max.Cpu!.Value)})");
        if (defaults.MemoryBytes > max.MemoryBytes)
            throw r.Error("limits.memory", $"must be at most {r.FullKey("limits.max.memory")} ({TaskLimits.FormatBytes(max.MemoryBytes!.Value)})");
        if (defaults.Processes > max.Processes)
            throw r.Error("limits.processes", $"must be at most {r.FullKey("limits.max.processes")} ({max.Processes})");
        if (defaults.OutputBytes > max.OutputBytes)
            throw r.Error("limits.output", $"must be at most {r.FullKey("limits.max.output")} ({TaskLimits.FormatBytes(max.OutputBytes!.Value)})");
        if (maxWallTime is { } wall && defaultTimeout > wall)
            throw r.Error("default-timeout", $"must be at most {r.FullKey("limits.max.wall-time")} ({SettingsFormat.Duration(wall)})");
    }

    private static bool IsNull(SettingsReader r, string key) => r.Value(key) is HoconScalar { IsNull: true };

    private static TimeSpan Cpu(SettingsReader r, string key)
    {
        var cpu = r.Duration(key, TaskLimits.CpuMax);
        return cpu >= TaskLimits.CpuMin ? cpu : throw r.Error(key, $"must be at least {SettingsFormat.Duration(TaskLimits.CpuMin)} (CPU time is limited in whole seconds)");
    }
}
