using System.Globalization;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// The argument vector a launcher executes for a <see cref="ShellCommandSpec"/>: <c>/bin/sh -c COMMAND</c>, or, when
/// the spec limits CPU time or memory, <c>prlimit --cpu=N:N+1 --as=BYTES -- /bin/sh -c COMMAND</c>. util-linux
/// <c>prlimit</c> sets the limits on itself and then execs the shell (same pid, so the process group and exit status
/// are the shell's), so the limits hold from the shell's first instruction and are inherited by everything it starts.
/// posix_spawn cannot call setrlimit in the child; prlimit ships with util-linux, as <c>setsid</c> does.
/// </summary>
internal static class ShellCommandLine
{
    /// <summary>The prlimit executable, or null when none was found (then CPU and memory limits cannot be applied).</summary>
    public static string? PrlimitPath { get; } = new[] { "/usr/bin/prlimit", "/bin/prlimit" }.FirstOrDefault(File.Exists);

    /// <summary>The argument vector; element 0 is the executable's absolute path.</summary>
    /// <param name="spec">A validated spec.</param>
    /// <returns>The arguments.</returns>
    /// <exception cref="InvalidOperationException">The spec limits CPU or memory and no prlimit was found.</exception>
    public static IReadOnlyList<string> Build(ShellCommandSpec spec)
    {
        var shell = new[] { ShellRunner.ShellPath, "-c", spec.Command };
        var limits = spec.Limits;
        if (limits.CpuSeconds is null && limits.MemoryBytes is null)
        {
            return shell;
        }

        if (PrlimitPath is not { } prlimit)
        {
            throw new InvalidOperationException($"cannot apply the limits ({limits}): they need util-linux prlimit, found neither /usr/bin/prlimit nor /bin/prlimit");
        }

        var argv = new List<string>(8) { prlimit };
        if (limits.CpuSeconds is { } cpu)
        {
            // Soft limit: SIGXCPU (exit 152, named as the cpu limit); one second later the hard limit's SIGKILL.
            argv.Add(string.Create(CultureInfo.InvariantCulture, $"--cpu={cpu}:{cpu + 1}"));
        }

        if (limits.MemoryBytes is { } memory)
        {
            argv.Add(string.Create(CultureInfo.InvariantCulture, $"--as={memory}:{memory}"));
        }

        argv.Add("--");
        argv.AddRange(shell);
        return argv;
    }
}
