using AkkaCompute.Compute.Execution.Limits;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Cli.Running;

/// <summary>The one-line account of a node's resource limits shown in <c>akc node</c>'s startup log and <c>akc node stats</c>.</summary>
internal static class LimitsDescription
{
    /// <summary>
    /// E.g. <c>rlimit (cpu and memory via /usr/bin/prlimit; processes and output watched by the node); cgroup v2: a cgroup
    /// per task with limits under /sys/fs/cgroup/unified (...); defaults none; max cpu 10 s, memory 512 MiB; max wall-time
    /// none; confine-root /srv/jobs</c>.
    /// </summary>
    /// <param name="executor">The node's executor settings.</param>
    /// <returns>The line.</returns>
    public static string Of(ExecutorSettings executor) =>
        $"{ResourceLimitMode.Describe(executor.ShellCgroups)}; defaults {executor.Limits}; max {executor.LimitsMax}; "
        + $"max wall-time {(executor.MaxWallTime is { } wall ? TaskLimits.FormatCpu(wall) : "none")}; confine-root {executor.ShellConfineRoot ?? "none"}";
}
