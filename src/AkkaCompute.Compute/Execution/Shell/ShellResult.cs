namespace AkkaCompute.Compute.Execution;

/// <summary>What a shell command did.</summary>
/// <param name="ExitCode">The shell's exit code; 128 + N when it was killed by signal N (143 for SIGTERM, 137 for SIGKILL); -1 when unknown (it outlived SIGKILL by 10 s, stuck in the kernel, or another part of the node collected its exit status).</param>
/// <param name="Stdout">Standard output as UTF-8 (invalid sequences become U+FFFD), up to the limit.</param>
/// <param name="Stderr">Standard error as UTF-8, up to the limit.</param>
/// <param name="StdoutTruncated">True when stdout exceeded its limit and the rest was discarded.</param>
/// <param name="StderrTruncated">True when stderr exceeded its limit and the rest was discarded.</param>
/// <param name="StdoutBytes">Bytes the command wrote to stdout in all, kept or not.</param>
/// <param name="StderrBytes">Bytes the command wrote to stderr in all, kept or not.</param>
/// <param name="Duration">From start to exit, wall time.</param>
public sealed record ShellResult(
    int ExitCode,
    string Stdout,
    string Stderr,
    bool StdoutTruncated,
    bool StderrTruncated,
    long StdoutBytes,
    long StderrBytes,
    TimeSpan Duration)
{
    /// <summary>
    /// The limit the node enforced by killing the process group, named for the task's error (e.g.
    /// <c>output limit 1 MiB exceeded (1,048,577 bytes written)</c>); null when none was (limits the kernel enforces,
    /// CPU and memory, are told from the exit by <see cref="Limits.LimitVerdict"/>).
    /// </summary>
    public string? LimitExceeded { get; init; }

    /// <summary>True when the exit code is 0 and no limit was exceeded.</summary>
    public bool Succeeded => ExitCode == 0 && LimitExceeded is null;

    /// <summary>True when either stream was truncated.</summary>
    public bool Truncated => StdoutTruncated || StderrTruncated;
}
