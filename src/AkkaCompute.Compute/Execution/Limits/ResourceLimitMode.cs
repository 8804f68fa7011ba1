namespace AkkaCompute.Compute.Execution.Limits;

/// <summary>
/// How this machine enforces shell tasks' limits, for the node's startup log and <c>akc node stats</c>: rlimits set
/// with util-linux <c>prlimit</c> (CPU, memory) and the node's own watch (processes, output). cgroup v2 is probed and
/// reported but not used: per-task cgroups are not implemented, so a delegated cgroup v2 tree does not change the mode.
/// </summary>
public static class ResourceLimitMode
{
    /// <summary>Where cgroup v2 is mounted on Linux.</summary>
    public const string CgroupRoot = "/sys/fs/cgroup";

    /// <summary>
    /// One line, e.g. <c>rlimit (cpu and memory via /usr/bin/prlimit; processes and output watched by the node);
    /// cgroup v2: not used (/sys/fs/cgroup is not a cgroup v2 hierarchy)</c>. When prlimit is missing the line says
    /// that cpu and memory limits are unavailable (a task that has one then fails to start, naming prlimit).
    /// </summary>
    public static string Describe()
    {
        var rlimits = ShellCommandLine.PrlimitPath is { } prlimit
            ? $"rlimit (cpu and memory via {prlimit}; processes and output watched by the node)"
            : "rlimit unavailable: no util-linux prlimit (tasks with a cpu or memory limit fail to start); processes and output watched by the node";
        return $"{rlimits}; cgroup v2: not used ({CgroupState()})";
    }

    private static string CgroupState()
    {
        try
        {
            if (!File.Exists(Path.Combine(CgroupRoot, "cgroup.controllers")))
                return $"{CgroupRoot} is not a cgroup v2 hierarchy";
            var own = File.ReadLines("/proc/self/cgroup").FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal));
            var mine = own is null ? CgroupRoot : Path.Combine(CgroupRoot, own[3..].TrimStart('/'));
            return Access(mine)
                ? $"the node's cgroup {mine} is writable (delegated), but per-task cgroups are not implemented"
                : $"the node's cgroup {mine} is not writable by the node (not delegated)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot read {CgroupRoot}: {e.Message}";
        }
    }

    private static bool Access(string directory)
    {
        const int W_OK = 2;
        return NativeMethods.access(directory, W_OK) == 0;
    }

    private static class NativeMethods
    {
        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        public static extern int access([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int mode);
    }
}
