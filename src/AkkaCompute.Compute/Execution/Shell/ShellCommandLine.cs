using System.Globalization;
using AkkaCompute.Compute.Execution.Limits.Cgroups;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// The argument vector a launcher executes for a <see cref="ShellCommandSpec"/>: <c>/bin/sh -c COMMAND</c>, or, when
/// the spec limits CPU time or memory, <c>prlimit --cpu=N:N+1 --as=BYTES -- /bin/sh -c COMMAND</c>. util-linux
/// <c>prlimit</c> sets the limits on itself and then execs the shell (same pid, so the process group and exit status
/// are the shell's), so the limits hold from the shell's first instruction and are inherited by everything it starts.
/// posix_spawn cannot call setrlimit in the child; prlimit ships with util-linux, as <c>setsid</c> does.
/// <para>A task with its own cgroup (<see cref="CgroupScope"/>) starts as
/// <c>/bin/sh -c 'echo $$ &gt; "$1" || exit 125; shift; exec "$@"' akc-cgroup CGROUP/cgroup.procs ARGV...</c>: that shell
/// enters the cgroup and then execs the rest (same pid again), so nothing runs outside it. Its CPU time is then
/// summed in the cgroup rather than limited per process, and with <see cref="CgroupScope.EnforcesMemory"/> its
/// memory is the cgroup's <c>memory.max</c> rather than RLIMIT_AS. If the shell cannot enter the cgroup, it says why
/// on stderr and exits with 125 before the command runs.</para>
/// </summary>
internal static class ShellCommandLine
{
    /// <summary>The prlimit executable, or null when none was found (then CPU and memory limits cannot be applied).</summary>
    public static string? PrlimitPath { get; } = new[] { "/usr/bin/prlimit", "/bin/prlimit" }.FirstOrDefault(File.Exists);

    /// <summary>The argument vector; element 0 is the executable's absolute path.</summary>
    /// <param name="spec">A validated spec.</param>
    /// <param name="scope">The task's cgroup, or null for none.</param>
    /// <returns>The arguments.</returns>
    /// <exception cref="InvalidOperationException">The spec limits CPU or memory, they are rlimits here and no prlimit was found.</exception>
    public static IReadOnlyList<string> Build(ShellCommandSpec spec, CgroupScope? scope = null)
    {
        var argv = Limited(spec, scope);
        return scope is null
            ? argv
            : [ShellRunner.ShellPath, "-c", "echo $$ > \"$1\" || exit 125; shift; exec \"$@\"", "akc-cgroup", scope.ProcsFile, .. argv];
    }

    private static IReadOnlyList<string> Limited(ShellCommandSpec spec, CgroupScope? scope)
    {
        var shell = new[] { ShellRunner.ShellPath, "-c", spec.Command };
        var limits = spec.Limits;
        var cpuSeconds = scope is null ? limits.CpuSeconds : null; // summed in the cgroup instead
        var memoryBytes = scope is { EnforcesMemory: true } ? null : limits.MemoryBytes; // memory.max instead
        if (cpuSeconds is null && memoryBytes is null)
        {
            return shell;
        }

        if (PrlimitPath is not { } prlimit)
        {
            throw new InvalidOperationException($"cannot apply the limits ({limits}): they need util-linux prlimit, found neither /usr/bin/prlimit nor /bin/prlimit");
        }

        var argv = new List<string>(8) { prlimit };
        if (cpuSeconds is { } cpu)
        {
            // Soft limit: SIGXCPU (exit 152, named as the cpu limit); one second later the hard limit's SIGKILL.
            argv.Add(string.Create(CultureInfo.InvariantCulture, $"--cpu={cpu}:{cpu + 1}"));
        }

        if (memoryBytes is { } memory)
        {
            argv.Add(string.Create(CultureInfo.InvariantCulture, $"--as={memory}:{memory}"));
        }

        argv.Add("--");
        argv.AddRange(shell);
        return argv;
    }
}
