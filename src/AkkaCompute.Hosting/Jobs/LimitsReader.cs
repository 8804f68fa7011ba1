using AkkaCompute.Compute.Execution.Limits;
using AkkaCompute.Hosting.Hocon;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// Reads a <c>limits { cpu = 10s, memory = 512MiB, processes = 64, output = 1MiB, wall-time = 5m }</c> block of a task
/// or of <c>defaults</c>. Each key is optional; <c>wall-time</c> is another name for the task's <c>timeout</c> (the
/// caller folds it in, and refuses both at once). Every bad value is recorded at its line and column.
/// </summary>
internal sealed class LimitsReader(JobReader reader)
{
    /// <summary>Keys of a <c>limits</c> block.</summary>
    public static readonly string[] Keys = ["cpu", "memory", "processes", "output", "wall-time"];

    /// <summary>Reads the block at <paramref name="key"/> of <paramref name="owner"/>.</summary>
    /// <param name="owner">The task or defaults object.</param>
    /// <param name="key">Normally <c>limits</c>.</param>
    /// <param name="context">Message prefix, e.g. <c>task 'a'</c> or <c>defaults</c>.</param>
    /// <returns>The limits (null when the block is missing, empty or bad) and its <c>wall-time</c> (null when unset or bad).</returns>
    public (TaskLimits? Limits, TimeSpan? WallTime) Read(HoconObject owner, string key, string context)
    {
        if (reader.Object(owner, key, context) is not { } block)
            return (null, null);
        var where = $"{context}: {key}";
        reader.CheckKeys(block, Keys, where);
        var limits = new TaskLimits
        {
            Cpu = Cpu(block, where),
            MemoryBytes = Size(block, "memory", where, TaskLimits.MemoryBytesMin, TaskLimits.MemoryBytesMax),
            Processes = reader.Int(block, "processes", where, 1, TaskLimits.ProcessesMax),
            OutputBytes = Size(block, "output", where, 0, TaskLimits.OutputBytesMax),
        };
        var wallTime = reader.Duration(block, "wall-time", where, TimeSpan.FromDays(7));
        return (limits.IsEmpty ? null : limits, wallTime);
    }

    private TimeSpan? Cpu(HoconObject block, string where)
    {
        var cpu = reader.Duration(block, "cpu", where, TaskLimits.CpuMax);
        if (cpu is { } c && c < TaskLimits.CpuMin)
        {
            reader.Bad(where, "cpu", JobReader.Get(block, "cpu")!, $"must be at least {SettingsFormat.Duration(TaskLimits.CpuMin)} (CPU time is limited in whole seconds)");
            return null;
        }

        return cpu;
    }

    private long? Size(HoconObject block, string key, string where, long min, long max)
    {
        if (JobReader.Get(block, key) is not { } value)
            return null;
        if (value is not HoconScalar scalar || !HoconSize.TryParse(scalar.Text, out var bytes))
        {
            reader.Bad(where, key, value, "must be a size such as 512KiB, 100MiB or 2GiB");
            return null;
        }

        if (bytes < min || bytes > max)
        {
            reader.Bad(where, key, value, $"must be between {SettingsFormat.Size(min)} and {SettingsFormat.Size(max)}");
            return null;
        }

        return bytes;
    }
}
