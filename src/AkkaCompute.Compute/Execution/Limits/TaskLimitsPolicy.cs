using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Execution.Limits;

/// <summary>
/// A node's rules for shell tasks' resources: default limits for tasks that set none, maxima no task may exceed, and
/// the root below which a shell task's working directory must lie. Pure apart from resolving the working directory
/// on disk (<see cref="WorkingDirectoryConfinement"/>); immutable and thread-safe.
/// </summary>
/// <param name="Defaults">Limits a shell task gets for each field it leaves unset (<c>akc.executor.limits</c>); <see cref="TaskLimits.None"/> for unlimited.</param>
/// <param name="Maximum">The most a task may ask for or get, per field (<c>akc.executor.limits.max</c>); <see cref="TaskLimits.None"/> for no maximum. A field with a maximum is never unlimited: a task that sets none, on a node without a default, gets the maximum.</param>
/// <param name="MaxWallTime">The longest <c>timeout</c> (wall time) a task may have (<c>akc.executor.limits.max.wall-time</c>); null for no maximum.</param>
/// <param name="ConfineRoot">The directory below which a shell task's working directory must lie (<c>akc.executor.shell.confine-root</c>), absolute; null for no confinement.</param>
public sealed record TaskLimitsPolicy(TaskLimits Defaults, TaskLimits Maximum, TimeSpan? MaxWallTime = null, string? ConfineRoot = null)
{
    /// <summary>No defaults, no maxima, no confinement.</summary>
    public static TaskLimitsPolicy Unlimited { get; } = new(TaskLimits.None, TaskLimits.None);

    /// <summary>The limits <paramref name="task"/> runs under: its own, else the node's default, else the node's maximum.</summary>
    /// <param name="task">A shell task (function tasks get <see cref="TaskLimits.None"/>).</param>
    /// <returns>The effective limits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    public TaskLimits Effective(TaskSpec task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Kind != TaskKind.Shell ? TaskLimits.None : (task.Limits ?? TaskLimits.None).Or(Defaults).Or(Maximum);
    }

    /// <summary>
    /// Why this node refuses <paramref name="task"/>: a limit out of range or above the node's maximum, a timeout above
    /// the maximum wall time, limits on a function task, or a working directory outside <see cref="ConfineRoot"/>.
    /// </summary>
    /// <param name="task">The task.</param>
    /// <returns>The reason, naming the field, the value and the node's limit (e.g. <c>limits.cpu = 20 s is above this node's maximum of 10 s (akc.executor.limits.max.cpu)</c>); null when it may run.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    public string? Problem(TaskSpec task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Limits is { IsEmpty: false } own)
        {
            if (task.Kind != TaskKind.Shell)
                return "limits apply to shell tasks only (a function runs inside the node or its worker process)";
            if (own.RangeProblem() is { } range)
                return "limits." + range;
            if (AboveMaximum(own) is { } above)
                return above;
        }

        if (MaxWallTime is { } maxWall && task.Timeout is { } timeout && timeout > maxWall)
            return $"timeout (the wall-time limit) = {TaskLimits.FormatCpu(timeout)} is above this node's maximum of {TaskLimits.FormatCpu(maxWall)} (akc.executor.limits.max.wall-time)";

        return task.Kind == TaskKind.Shell && ConfineRoot is { } root
            ? WorkingDirectoryConfinement.Problem(task.WorkingDirectory ?? Environment.CurrentDirectory, root)
            : null;
    }

    private string? AboveMaximum(TaskLimits own)
    {
        const string Key = "akc.executor.limits.max";
        if (own.Cpu is { } cpu && Maximum.Cpu is { } maxCpu && cpu > maxCpu)
            return $"limits.cpu = {TaskLimits.FormatCpu(cpu)} is above this node's maximum of {TaskLimits.FormatCpu(maxCpu)} ({Key}.cpu)";
        if (own.MemoryBytes is { } memory && Maximum.MemoryBytes is { } maxMemory && memory > maxMemory)
            return $"limits.memory = {TaskLimits.FormatBytes(memory)} is above this node's maximum of {TaskLimits.FormatBytes(maxMemory)} ({Key}.memory)";
        if (own.Processes is { } processes && Maximum.Processes is { } maxProcesses && processes > maxProcesses)
            return $"limits.processes = {processes} is above this node's maximum of {maxProcesses} ({Key}.processes)";
        if (own.OutputBytes is { } output && Maximum.OutputBytes is { } maxOutput && output > maxOutput)
            return $"limits.output = {TaskLimits.FormatBytes(output)} is above this node's maximum of {TaskLimits.FormatBytes(maxOutput)} ({Key}.output)";
        return null;
    }
}
