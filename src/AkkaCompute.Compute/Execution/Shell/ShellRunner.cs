using System.ComponentModel;
using System.Diagnostics;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Runs shell commands as <c>/bin/sh -c COMMAND</c>, each in its own process group (started
/// through util-linux <c>setsid</c>), with captured and size-limited output, and kills the whole
/// group on cancellation. Stateless and thread-safe. Linux (or another Unix with setsid).
/// </summary>
/// <remarks>
/// <para>Cancellation: when the token is cancelled the runner sends SIGTERM to the process group,
/// waits up to <see cref="ShellCommandSpec.KillGracePeriod"/> for every member to die, sends
/// SIGKILL, and throws <see cref="ShellCommandCancelledException"/> (an
/// <see cref="OperationCanceledException"/> carrying the partial output). Timeouts are the caller's:
/// cancel the token on timeout and tell the two apart by which source fired.</para>
/// <para>Killed processes are reaped by their parent, or by PID 1 once orphaned; under a PID 1
/// that does not reap orphans (some container and VM init processes), killed grandchildren stay
/// as zombies - dead, holding no memory or files - until that init reaps them. Run nodes under an
/// init that reaps (tini, <c>docker run --init</c>, systemd).</para>
/// <para>Without <c>setsid</c> the shell runs in the node's process group and cancellation falls
/// back to <see cref="Process.Kill(bool)"/> on the process tree, which cannot reach children that
/// have already been orphaned.</para>
/// </remarks>
public static class ShellRunner
{
    /// <summary>The shell every command runs with.</summary>
    public const string ShellPath = "/bin/sh";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ExitWaitMax = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest wait, once the shell has exited (or been killed), for its output pipes to close. Only
    /// a process that escaped the group (or a kept leftover) holds them open that long; then the
    /// runner returns what it has read.
    /// </summary>
    public static readonly TimeSpan OutputDrainMax = TimeSpan.FromSeconds(2);

    /// <summary>The setsid executable in use, or null when none was found (then no process group is created).</summary>
    public static string? SetsidPath { get; } = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>Runs <paramref name="spec"/> to completion, or until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <returns>The exit code and captured output. A non-zero exit code is a result, not an exception.</returns>
    /// <exception cref="ArgumentException">The spec is invalid (see <see cref="ShellCommandSpec.Validate"/>).</exception>
    /// <exception cref="DirectoryNotFoundException">The working directory does not exist.</exception>
    /// <exception cref="InvalidOperationException">The shell could not be started.</exception>
    /// <exception cref="ShellCommandCancelledException">The token was cancelled; the process group has been killed.</exception>
    public static async Task<ShellResult> RunAsync(ShellCommandSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        using var process = new Process { StartInfo = CreateStartInfo(spec) };
        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"could not start {process.StartInfo.FileName}: {e.Message}", e);
        }

        var usesGroup = SetsidPath is not null;
        var pgid = process.Id; // setsid makes the shell the leader of a new group whose id is its pid
        process.StandardInput.Close();
        var stdout = new OutputCapture(spec.StdoutLimitBytes);
        var stderr = new OutputCapture(spec.StderrLimitBytes);
        var readers = Task.WhenAll(
            stdout.ReadToEndAsync(process.StandardOutput.BaseStream),
            stderr.ReadToEndAsync(process.StandardError.BaseStream));

        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await KillAsync(process, pgid, usesGroup, spec.KillGracePeriod).ConfigureAwait(false);
            var duration = clock.Elapsed;
            await DrainAsync(process, readers).ConfigureAwait(false);
            throw new ShellCommandCancelledException(Result(process, stdout, stderr, duration), cancellationToken);
        }

        var elapsed = clock.Elapsed;
        if (usesGroup && spec.KillLeftoverProcesses)
        {
            ProcessGroup.Signal(pgid, ProcessGroup.SigKill);
        }

        await DrainAsync(process, readers).ConfigureAwait(false);
        return Result(process, stdout, stderr, elapsed);
    }

    private static ProcessStartInfo CreateStartInfo(ShellCommandSpec spec)
    {
        var info = new ProcessStartInfo
        {
            FileName = SetsidPath ?? ShellPath,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.WorkingDirectory ?? string.Empty,
        };
        if (SetsidPath is not null)
        {
            info.ArgumentList.Add(ShellPath);
        }

        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(spec.Command);
        if (spec.Environment is { } env)
        {
            foreach (var (name, value) in env)
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }

    /// <summary>SIGTERM to the group, wait up to the grace period for it to die, then SIGKILL.</summary>
    private static async Task KillAsync(Process process, int pgid, bool usesGroup, TimeSpan grace)
    {
        if (!usesGroup)
        {
            KillTree(process);
            await WaitForExitAsync(process).ConfigureAwait(false);
            return;
        }

        // If setsid has not run yet the group does not exist: signal the process itself; the final
        // SIGKILL to the group below catches anything it managed to start meanwhile.
        if (!ProcessGroup.Signal(pgid, ProcessGroup.SigTerm))
        {
            ProcessGroup.SignalProcess(process.Id, ProcessGroup.SigTerm);
        }

        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < grace && (!process.HasExited || ProcessGroup.HasLiveMembers(pgid)))
        {
            await Task.Delay(PollInterval).ConfigureAwait(false);
        }

        ProcessGroup.Signal(pgid, ProcessGroup.SigKill);
        if (!process.HasExited)
        {
            ProcessGroup.SignalProcess(process.Id, ProcessGroup.SigKill);
        }

        await WaitForExitAsync(process).ConfigureAwait(false);
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static async Task WaitForExitAsync(Process process)
    {
        using var limit = new CancellationTokenSource(ExitWaitMax);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A process that survives SIGKILL for this long is stuck in the kernel (state D); report what we have.
        }
    }

    /// <summary>
    /// Waits up to <see cref="OutputDrainMax"/> for the output pipes to close. A process that is
    /// still running outside the group (it called setsid itself, or leftovers were kept) can hold
    /// them open; then the runner stops waiting, releases its ends and returns what it has.
    /// </summary>
    private static async Task DrainAsync(Process process, Task readers)
    {
        try
        {
            await readers.WaitAsync(OutputDrainMax).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            process.StandardOutput.BaseStream.Dispose();
            process.StandardError.BaseStream.Dispose();
        }
    }

    private static ShellResult Result(Process process, OutputCapture stdout, OutputCapture stderr, TimeSpan duration)
    {
        var (outText, outTruncated, outBytes) = stdout.Snapshot();
        var (errText, errTruncated, errBytes) = stderr.Snapshot();
        var exitCode = process.HasExited ? process.ExitCode : -1;
        return new ShellResult(exitCode, outText, errText, outTruncated, errTruncated, outBytes, errBytes, duration);
    }
}
