using System.Diagnostics;
using AkkaCompute.Compute.Execution;
using static AkkaCompute.Compute.Tests.Execution.TestSupport;

namespace AkkaCompute.Compute.Tests.Execution;

/// <summary>Cancelling a running command kills its whole process group: the shell, its children and their children.</summary>
public abstract class ShellCancellationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>"spawn" or "process".</summary>
    protected abstract string LauncherName { get; }

    private ShellLauncher Launcher => LauncherName == "spawn" ? ShellLauncher.Spawn ?? throw new InvalidOperationException("posix_spawn is unavailable here") : ShellLauncher.Process;

    private Task<ShellResult> Run(ShellCommandSpec spec, CancellationToken cancellationToken) => ShellRunner.RunWithAsync(Launcher, spec, cancellationToken);

    private async Task<(ShellCommandCancelledException Error, int[] Pids, TimeSpan Elapsed)> RunAndCancel(string command, string pidFile, int expectedPids, TimeSpan grace)
    {
        using var cts = new CancellationTokenSource();
        var running = Run(new ShellCommandSpec(command) { KillGracePeriod = grace }, cts.Token);
        await Eventually(() => ReadPids(pidFile).Length >= expectedPids || running.IsCompleted, Deadline, $"{expectedPids} pids written");
        Assert.False(running.IsCompleted, "the command ended by itself");
        var pids = ReadPids(pidFile);
        Assert.All(pids, pid => Assert.False(IsDead(pid), $"pid {pid} should be running before the cancel"));

        var clock = Stopwatch.StartNew();
        await cts.CancelAsync();
        var error = await Assert.ThrowsAsync<ShellCommandCancelledException>(() => running);
        var elapsed = clock.Elapsed;
        Assert.Equal(cts.Token, error.CancellationToken);
        await Eventually(() => pids.All(IsDead), TimeSpan.FromSeconds(10), $"pids {string.Join(", ", pids)} dead");
        return (error, pids, elapsed);
    }

    [Fact]
    public async Task Cancel_kills_the_shell_its_background_children_and_grandchildren()
    {
        using var dir = TempDir();
        var pidFile = dir.File("pids");
        var command = $"""
            echo $$ >> {pidFile}
            sleep 1000 & echo $! >> {pidFile}
            sh -c 'sleep 1000 & echo $! >> {pidFile}; wait' & echo $! >> {pidFile}
            echo started
            sleep 1000 & echo $! >> {pidFile}
            wait
            """;
        var (error, pids, elapsed) = await RunAndCancel(command, pidFile, 5, TimeSpan.FromSeconds(20));
        Assert.Equal(5, pids.Length);
        Assert.Equal("started\n", error.Partial.Stdout);
        Assert.Equal(143, error.Partial.ExitCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"SIGTERM should have been enough, without waiting out the grace period; took {elapsed}");
    }

    [Fact]
    public async Task Processes_that_ignore_SIGTERM_are_killed_after_the_grace_period()
    {
        using var dir = TempDir();
        var pidFile = dir.File("pids");
        var command = $"trap '' TERM; echo $$ >> {pidFile}; sleep 1000 & echo $! >> {pidFile}; wait; wait; wait";
        var grace = TimeSpan.FromMilliseconds(300);
        var (error, _, elapsed) = await RunAndCancel(command, pidFile, 2, grace);
        Assert.True(elapsed >= grace, $"SIGKILL came before the grace period: {elapsed}");
        Assert.Equal(137, error.Partial.ExitCode);
    }

    [Fact]
    public async Task Cancel_returns_the_output_captured_so_far()
    {
        using var dir = TempDir();
        var pidFile = dir.File("pids");
        var command = $"head -c 2000000 /dev/zero | tr '\\0' y; echo oops >&2; echo $$ >> {pidFile}; sleep 1000";
        var (error, _, _) = await RunAndCancel(command, pidFile, 1, TimeSpan.FromSeconds(2));
        Assert.True(error.Partial.StdoutTruncated);
        Assert.Equal(2_000_000, error.Partial.StdoutBytes);
        Assert.Equal(new string('y', ShellCommandSpec.DefaultOutputLimitBytes), error.Partial.Stdout);
        Assert.Equal("oops\n", error.Partial.Stderr);
    }

    [Fact]
    public async Task A_token_cancelled_before_the_start_runs_nothing()
    {
        using var dir = TempDir();
        var marker = dir.File("ran");
        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Run(new ShellCommandSpec($"touch {marker}"), new CancellationToken(canceled: true)));
        Assert.IsNotType<ShellCommandCancelledException>(e);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task A_timeout_is_a_cancellation_the_caller_recognises_by_its_own_source()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        using var userCancel = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, userCancel.Token);
        var e = await Assert.ThrowsAsync<ShellCommandCancelledException>(() => Run(new ShellCommandSpec("sleep 1000"), linked.Token));
        Assert.True(timeout.IsCancellationRequested);
        Assert.False(userCancel.IsCancellationRequested);
        Assert.Equal(143, e.Partial.ExitCode);
    }
}

public sealed class ShellCancellationSpawnTests : ShellCancellationTests
{
    protected override string LauncherName => "spawn";
}

public sealed class ShellCancellationProcessTests : ShellCancellationTests
{
    protected override string LauncherName => "process";
}
