namespace AkkaCompute.Compute.Execution.Limits;

/// <summary>
/// Names the limit a failed shell run most likely hit, from its exit and its output. Pure.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A limit the node watched (output bytes, processes) is certain: <see cref="ShellResult.LimitExceeded"/>.</item>
/// <item>CPU: exit code 152 (128 + SIGXCPU) under a CPU limit is the soft limit; 137 (SIGKILL) under a CPU limit is
/// reported as consistent with the hard limit (one second later), since an out-of-memory kill or a
/// <c>kill -9</c> look the same.</item>
/// <item>Memory (RLIMIT_AS) has no signal of its own: an allocation fails inside the process, which then reports
/// it its own way. A non-zero exit under a memory limit whose stderr says so (<c>memory exhausted</c>,
/// <c>Cannot allocate memory</c>, <c>out of memory</c>, <c>bad_alloc</c>, <c>MemoryError</c>,
/// <c>OutOfMemoryException</c>) names the limit; any other failure is reported as the command's own.</item>
/// </list>
/// </remarks>
public static class LimitVerdict
{
    /// <summary>Exit code of a shell killed by SIGXCPU (128 + 24).</summary>
    public const int ExitSigXcpu = 128 + 24;

    /// <summary>Exit code of a shell killed by SIGKILL (128 + 9).</summary>
    public const int ExitSigKill = 128 + 9;

    private static readonly string[] AllocationFailures =
    [
        "memory exhausted", "cannot allocate memory", "out of memory", "bad_alloc", "memoryerror", "outofmemoryexception",
        "failed to allocate", "allocation failed",
    ];

    /// <summary>The limit <paramref name="result"/> exceeded under <paramref name="limits"/>, or null when none is apparent.</summary>
    /// <param name="limits">The limits the run had.</param>
    /// <param name="result">What the run did.</param>
    /// <returns>E.g. <c>cpu limit 1 s exceeded (killed by SIGXCPU)</c> or <c>memory limit 100 MiB exceeded (an allocation failed: tail: memory exhausted)</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string? Of(TaskLimits limits, ShellResult result)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(result);
        if (result.LimitExceeded is { } watched)
            return watched;
        if (result.ExitCode == 0)
            return null;
        if (limits.Cpu is { } cpu && result.ExitCode == ExitSigXcpu)
            return $"cpu limit {TaskLimits.FormatCpu(cpu)} exceeded (killed by SIGXCPU)";
        if (limits.Cpu is { } hard && result.ExitCode == ExitSigKill)
            return $"cpu limit {TaskLimits.FormatCpu(hard)} exceeded? (killed by SIGKILL, as a process that ignores SIGXCPU is at the hard limit one second later; an out-of-memory kill looks the same)";
        if (limits.MemoryBytes is { } memory && AllocationFailure(result.Stderr) is { } line)
            return $"memory limit {TaskLimits.FormatBytes(memory)} exceeded (an allocation failed: {line})";
        return null;
    }

    /// <summary>The first line of <paramref name="stderr"/> that reports a failed allocation, trimmed to 200 characters; null when none does.</summary>
    private static string? AllocationFailure(string stderr)
    {
        foreach (var raw in stderr.Split('\n'))
        {
            var line = raw.Trim();
            if (AllocationFailures.Any(f => line.Contains(f, StringComparison.OrdinalIgnoreCase)))
                return line.Length <= 200 ? line : line[..200] + "...";
        }

        return null;
    }
}
