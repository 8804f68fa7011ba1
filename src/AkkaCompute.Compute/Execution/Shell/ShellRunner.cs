using System.Diagnostics;
using AkkaCompute.Compute.Execution.Limits.Cgroups;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Runs shell commands as <c>/bin/sh -c COMMAND</c>, each in its own session and process group, with
/// captured and size-limited output, and kills the whole group on cancellation. Stateless and
/// thread-safe. Linux (or another Unix with setsid).
/// </summary>
/// <remarks>
/// <para>Starting: on Linux x64/arm64 with glibc 2.29+ (or musl) the shell is started directly with
/// <c>posix_spawn</c> and <c>POSIX_SPAWN_SETSID</c>, one exec per command; elsewhere, or when .NET would
/// reap every child itself (it runs as PID 1, or SIGCHLD is ignored), through util-linux
/// <c>setsid</c> with <see cref="Process"/>, two execs. The choice is made once, at first use, and
/// is visible as <see cref="LaunchMethod"/>.</para>
/// <para>Cancellation: when the token is cancelled the runner sends SIGTERM to the process group,
/// waits up to <see cref="ShellCommandSpec.KillGracePeriod"/> for every member to die, sends
/// SIGKILL, and throws <see cref="ShellCommandCancelledException"/> (an
/// <see cref="OperationCanceledException"/> carrying the partial output). Timeouts are the caller's:
/// cancel the token on timeout and tell the two apart by which source fired.</para>
/// <para>Limits (<see cref="ShellCommandSpec.Limits"/>): CPU time and memory are rlimits the kernel enforces
/// (applied with util-linux <c>prlimit</c>, see <see cref="ShellCommandLine"/>); output bytes and processes are
/// watched here, and over either the group is killed at once (SIGTERM then SIGKILL without grace) and the result
/// names the limit in <see cref="ShellResult.LimitExceeded"/>.</para>
/// <para>cgroup v2 (<see cref="ShellCommandSpec.UseCgroup"/>): a task with limits then runs in a cgroup of its own
/// where this machine allows one (<see cref="CgroupTree"/>). Its CPU time is summed over all its processes and
/// watched like the output; its processes are counted in the cgroup, so <c>setsid</c> does not escape the count; a kill
/// (limit, cancel, leftovers) also kills everything in the cgroup; an OOM kill under <c>memory.max</c> names the memory
/// limit. The cgroup is removed when the run ends.</para>
/// <para>Killed processes are reaped by their parent, or by PID 1 once orphaned; under a PID 1
/// that does not reap orphans (some container and VM init processes), killed grandchildren stay
/// as zombies - dead, holding no memory or files - until that init reaps them. Run nodes under an
/// init that reaps (tini, <c>docker run --init</c>, systemd).</para>
/// <para>Without posix_spawn and without <c>setsid</c> the shell runs in the node's process group and
/// cancellation falls back to <see cref="Process.Kill(bool)"/> on the process tree, which cannot reach
/// children that have already been orphaned.</para>
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

    /// <summary>The setsid executable the fallback launcher uses, or null when none was found (then it creates no process group).</summary>
    public static string? SetsidPath { get; } = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>
    /// How shells are started here: <c>"posix_spawn"</c> (direct, one exec) or <c>"process"</c> (.NET's
    /// Process through <see cref="SetsidPath"/>). Decided at first use; for logs and diagnostics.
    /// </summary>
    public static string LaunchMethod => ShellLauncher.Current.Name;

    /// <summary>Runs <paramref name="spec"/> to completion, or until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <returns>The exit code and captured output. A non-zero exit code is a result, not an exception.</returns>
    /// <exception cref="ArgumentException">The spec is invalid (see <see cref="ShellCommandSpec.Validate"/>).</exception>
    /// <exception cref="DirectoryNotFoundException">The working directory does not exist.</exception>
    /// <exception cref="InvalidOperationException">The shell could not be started.</exception>
    /// <exception cref="ShellCommandCancelledException">The token was cancelled; the process group has been killed.</exception>
    public static Task<ShellResult> RunAsync(ShellCommandSpec spec, CancellationToken cancellationToken) =>
        RunWithAsync(ShellLauncher.Current, spec, cancellationToken);

    /// <summary>As <see cref="RunAsync(ShellCommandSpec, CancellationToken)"/>, with the given launcher (tests run both).</summary>
    internal static async Task<ShellResult> RunWithAsync(ShellLauncher launcher, ShellCommandSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(launcher);
        spec.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        var scope = CreateScope(spec);
        try
        {
            return await RunInAsync(launcher, spec, scope, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (scope is not null)
            {
                await scope.ReleaseAsync(kill: spec.KillLeftoverProcesses, wait: OutputDrainMax).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The task's own cgroup when the spec asks for one, has limits, and this machine can make one (<see cref="CgroupTree.Current"/>); else null.</summary>
    private static CgroupScope? CreateScope(ShellCommandSpec spec)
    {
        if (!spec.UseCgroup || spec.Limits.IsEmpty || CgroupTree.Current is not { } tree)
        {
            return null;
        }

        try
        {
            return tree.CreateScope(spec.Limits);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"could not create the task's cgroup under {tree.Directory}: {e.Message}", e);
        }
    }

    private static async Task<ShellResult> RunInAsync(ShellLauncher launcher, ShellCommandSpec spec, CgroupScope? scope, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var child = launcher.Start(spec, scope);
        using var watch = new LimitWatch(spec.Limits, scope);
        var stdout = new OutputCapture(spec.StdoutLimitBytes, spec.Progress);
        var stderr = new OutputCapture(spec.StderrLimitBytes);
        var readers = Task.WhenAll(stdout.ReadToEndAsync(watch.Count(child.Stdout)), stderr.ReadToEndAsync(watch.Count(child.Stderr)));
        watch.Watch(child);

        try
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watch.Tripped);
            await child.WaitForExitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await KillAsync(child, scope, spec.KillGracePeriod).ConfigureAwait(false);
            var duration = clock.Elapsed;
            await DrainAsync(child, readers).ConfigureAwait(false);
            throw new ShellCommandCancelledException(Result(child, stdout, stderr, duration), cancellationToken);
        }
        catch (OperationCanceledException) when (watch.Reason is not null)
        {
            // Over a limit the node watches: no grace period, the whole group goes at once.
            await KillAsync(child, scope, TimeSpan.Zero).ConfigureAwait(false);
            var duration = clock.Elapsed;
            await DrainAsync(child, readers).ConfigureAwait(false);
            return Result(child, stdout, stderr, duration) with { LimitExceeded = watch.Reason };
        }

        var elapsed = clock.Elapsed;
        if (spec.KillLeftoverProcesses)
        {
            if (child.HasGroup)
            {
                ProcessGroup.Signal(child.Pid, ProcessGroup.SigKill);
            }

            scope?.Kill(); // what left the group (setsid, double fork) is still in the cgroup
        }

        watch.CheckAfterExit();
        await DrainAsync(child, readers).ConfigureAwait(false);
        return Result(child, stdout, stderr, elapsed) with { LimitExceeded = watch.Reason };
    }

    /// <summary>SIGTERM to the group, wait up to the grace period for it to die, then SIGKILL (to the group and, with a cgroup, to everything in it).</summary>
    private static async Task KillAsync(ShellChild child, CgroupScope? scope, TimeSpan grace)
    {
        if (!child.HasGroup)
        {
            child.KillTree();
            scope?.Kill();
            await WaitForExitAsync(child).ConfigureAwait(false);
            return;
        }

        // Under the setsid launcher the group does not exist until setsid has run: then signal the
        // process itself; the final SIGKILL to the group below catches anything it started meanwhile.
        var pgid = child.Pid;
        if (!ProcessGroup.Signal(pgid, ProcessGroup.SigTerm))
        {
            child.SignalShell(ProcessGroup.SigTerm);
        }

        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < grace && (!child.HasExited || ProcessGroup.HasLiveMembers(pgid)))
        {
            await Task.Delay(PollInterval).ConfigureAwait(false);
        }

        ProcessGroup.Signal(pgid, ProcessGroup.SigKill);
        scope?.Kill();
        child.SignalShell(ProcessGroup.SigKill);
        await WaitForExitAsync(child).ConfigureAwait(false);
    }

    private static async Task WaitForExitAsync(ShellChild child)
    {
        using var limit = new CancellationTokenSource(ExitWaitMax);
        try
        {
            await child.WaitForExitAsync(limit.Token).ConfigureAwait(false);
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
    private static async Task DrainAsync(ShellChild child, Task readers)
    {
        try
        {
            await readers.WaitAsync(OutputDrainMax).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            child.Stdout.Dispose();
            child.Stderr.Dispose();
        }
    }

    private static ShellResult Result(ShellChild child, OutputCapture stdout, OutputCapture stderr, TimeSpan duration)
    {
        var (outText, outTruncated, outBytes) = stdout.Snapshot();
        var (errText, errTruncated, errBytes) = stderr.Snapshot();
        return new ShellResult(child.ExitCode, outText, errText, outTruncated, errTruncated, outBytes, errBytes, duration);
    }
}
