using AkkaCompute.Compute.Execution.Limits.Cgroups;

namespace AkkaCompute.Compute.Execution.Limits;

/// <summary>
/// How this machine enforces shell tasks' limits, for the node's startup log and <c>akc node stats</c>: rlimits set
/// with util-linux <c>prlimit</c> (CPU, memory), the node's own watch (processes, output) and, where the node may
/// create them and <c>akc.executor.shell.cgroups = auto</c>, a cgroup v2 cgroup per task with limits
/// (<see cref="CgroupTree"/>).
/// </summary>
public static class ResourceLimitMode
{
    /// <summary>
    /// One line, e.g. <c>rlimit (cpu and memory via /usr/bin/prlimit; processes and output watched by the node);
    /// cgroup v2: a cgroup per task with limits under /sys/fs/cgroup/unified (...)</c> or <c>...; cgroup v2: unavailable
    /// (no cgroup v2 hierarchy is mounted)</c>. When prlimit is missing the line says that rlimits are unavailable
    /// (a task whose cpu or memory limit is an rlimit then fails to start, naming prlimit).
    /// </summary>
    /// <param name="cgroups">True when the node's <c>akc.executor.shell.cgroups</c> is <c>auto</c>.</param>
    /// <returns>The line.</returns>
    public static string Describe(bool cgroups)
    {
        var rlimits = ShellCommandLine.PrlimitPath is { } prlimit
            ? $"rlimit (cpu and memory via {prlimit}; processes and output watched by the node)"
            : "rlimit unavailable: no util-linux prlimit (tasks with a cpu or memory limit enforced as an rlimit fail to start); processes and output watched by the node";
        var cgroup = !cgroups ? "off (akc.executor.shell.cgroups = off)"
            : CgroupTree.Current is { } tree ? tree.Describe()
            : $"unavailable ({CgroupTree.UnavailableReason})";
        return $"{rlimits}; cgroup v2: {cgroup}";
    }
}
