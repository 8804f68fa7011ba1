using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Execution.Limits;

namespace AkkaCompute.Compute.Tests.Execution.Limits;

/// <summary>Limits on real shells, once per launcher (derived classes at the end). They hold as root and as any other user.</summary>
public abstract class ShellLimitsTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    /// <summary>"spawn" or "process".</summary>
    protected abstract string LauncherName { get; }

    private ShellLauncher Launcher => LauncherName == "spawn" ? ShellLauncher.Spawn ?? throw new InvalidOperationException("posix_spawn is unavailable here") : ShellLauncher.Process;

    /// <summary>Runs with a guard: a limit that does not work makes the test fail (cancelled), never hang.</summary>
    private async Task<ShellResult> Run(string command, TaskLimits limits)
    {
        using var guard = new CancellationTokenSource(Guard);
        return await ShellRunner.RunWithAsync(Launcher, new ShellCommandSpec(command) { Limits = limits }, guard.Token);
    }

    [Fact]
    public async Task Cpu_and_memory_limits_are_set_on_the_shell_before_the_command_runs()
    {
        var result = await Run("ulimit -t; ulimit -H -t; ulimit -v", new TaskLimits { Cpu = TimeSpan.FromSeconds(7), MemoryBytes = 64L << 20 });
        Assert.Equal("7\n8\n65536\n", result.Stdout);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Without_limits_the_shell_runs_unlimited()
    {
        var result = await Run("ulimit -t; ulimit -v", TaskLimits.None);
        Assert.Equal("unlimited\nunlimited\n", result.Stdout);
    }

    [Fact]
    public async Task A_cpu_burning_task_over_its_cpu_limit_is_killed_and_the_cpu_limit_named()
    {
        var limits = new TaskLimits { Cpu = TimeSpan.FromSeconds(1) };
        var result = await Run("while :; do :; done", limits);
        Assert.Equal(LimitVerdict.ExitSigXcpu, result.ExitCode);
        Assert.Equal("cpu limit 1 s exceeded (killed by SIGXCPU)", LimitVerdict.Of(limits, result));
    }

    [Fact]
    public async Task A_child_over_its_cpu_limit_is_named_too()
    {
        var limits = new TaskLimits { Cpu = TimeSpan.FromSeconds(1) };
        var result = await Run("sh -c 'while :; do :; done'; echo after=$?", limits);
        Assert.Contains("after=152", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_over_the_limit_fails_the_allocation_and_names_the_memory_limit()
    {
        var limits = new TaskLimits { MemoryBytes = 100L << 20 };
        var result = await Run("head -c 600M /dev/zero | tail", limits);
        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("memory limit 100 MiB exceeded (an allocation failed: ", LimitVerdict.Of(limits, result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_under_the_limit_is_fine()
    {
        var limits = new TaskLimits { MemoryBytes = 100L << 20 };
        var result = await Run("head -c 1M /dev/zero | tail | wc -c", limits);
        Assert.True(result.Succeeded, result.Stderr);
        Assert.Equal("1048576", result.Stdout.Trim());
        Assert.Null(LimitVerdict.Of(limits, result));
    }

    [Fact]
    public async Task Output_over_the_limit_kills_the_task_and_names_the_output_limit()
    {
        // `yes` never ends on its own: only the limit can stop it before the guard.
        var result = await Run("yes", new TaskLimits { OutputBytes = 1024 });
        Assert.False(result.Succeeded);
        Assert.StartsWith("output limit 1 KiB exceeded", result.LimitExceeded, StringComparison.Ordinal);
        Assert.True(result.StdoutBytes > 1024);
    }

    [Fact]
    public async Task Output_counts_stdout_and_stderr_together()
    {
        var result = await Run("head -c 600 /dev/zero; head -c 600 /dev/zero >&2", new TaskLimits { OutputBytes = 1000 });
        Assert.StartsWith("output limit 1000 B exceeded", result.LimitExceeded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_exactly_at_the_limit_succeeds()
    {
        var result = await Run("head -c 1024 /dev/zero", new TaskLimits { OutputBytes = 1024 });
        Assert.True(result.Succeeded);
        Assert.Null(result.LimitExceeded);
        Assert.Equal(1024, result.StdoutBytes);
    }

    [Fact]
    public async Task More_processes_than_the_limit_kill_the_group_and_name_the_processes_limit()
    {
        var result = await Run("sleep 30 & sleep 30 & sleep 30 & wait", new TaskLimits { Processes = 2 });
        Assert.False(result.Succeeded);
        Assert.StartsWith("processes limit 2 exceeded", result.LimitExceeded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Processes_within_the_limit_run_to_the_end()
    {
        var result = await Run("sleep 0.2 & sleep 0.2 & wait; echo done", new TaskLimits { Processes = 10 });
        Assert.True(result.Succeeded);
        Assert.Equal("done\n", result.Stdout);
    }
}

public sealed class ShellLimitsSpawnTests : ShellLimitsTests
{
    protected override string LauncherName => "spawn";
}

public sealed class ShellLimitsProcessTests : ShellLimitsTests
{
    protected override string LauncherName => "process";
}
