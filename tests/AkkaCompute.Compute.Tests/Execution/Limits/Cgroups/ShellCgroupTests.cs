using System.Globalization;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Execution.Limits;
using AkkaCompute.Compute.Execution.Limits.Cgroups;

namespace AkkaCompute.Compute.Tests.Execution.Limits.Cgroups;

/// <summary>
/// Shell tasks in cgroups of their own on this machine's cgroup v2 hierarchy (the test machines run as root with
/// cgroup2 mounted; a machine without it fails the first assertion of each test, naming why).
/// </summary>
public sealed class ShellCgroupTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private static CgroupTree Tree => CgroupTree.Current ?? throw new InvalidOperationException($"no per-task cgroups here: {CgroupTree.UnavailableReason}");

    /// <summary>Runs with a guard: a limit that does not work makes the test fail (cancelled), never hang.</summary>
    private static async Task<ShellResult> Run(string command, TaskLimits limits, string launcher = "spawn")
    {
        _ = Tree;
        using var guard = new CancellationTokenSource(Guard);
        var spec = new ShellCommandSpec(command) { Limits = limits, UseCgroup = true };
        var chosen = launcher == "spawn" ? ShellLauncher.Spawn ?? throw new InvalidOperationException("posix_spawn is unavailable here") : ShellLauncher.Process;
        return await ShellRunner.RunWithAsync(chosen, spec, guard.Token);
    }

    private static bool Alive(int pid) => ProcessGroup.TryReadStat($"/proc/{pid}", out var state, out _) && state is not ('Z' or 'X');

    private static int[] Pids(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();

    [Theory]
    [InlineData("spawn")]
    [InlineData("process")]
    public async Task A_task_with_limits_runs_in_its_own_cgroup_which_is_gone_when_it_ends(string launcher)
    {
        var result = await Run("grep '^0::' /proc/self/cgroup", new TaskLimits { OutputBytes = 1 << 20 }, launcher);
        Assert.True(result.Succeeded, result.Stderr);
        var cgroup = result.Stdout.Trim()[3..]; // "0::/akc-PID-N", below the test process's own cgroup
        var name = cgroup[(cgroup.LastIndexOf('/') + 1)..];
        Assert.Matches($"^akc-{Environment.ProcessId}-[0-9]+$", name);
        Assert.False(Directory.Exists(Tree.Directory + "/" + name));
    }

    [Fact]
    public async Task A_task_without_limits_gets_no_cgroup()
    {
        var own = CgroupPaths.OwnCgroup(File.ReadAllText("/proc/self/cgroup"));
        var result = await Run("grep '^0::' /proc/self/cgroup", TaskLimits.None);
        Assert.Equal("0::" + own, result.Stdout.Trim());
    }

    [Fact]
    public async Task The_cpu_limit_is_summed_over_all_the_task_processes()
    {
        // Three burners of under a second each would all pass a per-process RLIMIT_CPU of 1 s; together they exceed it.
        var limits = new TaskLimits { Cpu = TimeSpan.FromSeconds(1) };
        var result = await Run("for i in 1 2 3; do (i=0; while [ $i -lt 1000000000 ]; do i=$((i+1)); done) & done; wait", limits);
        Assert.False(result.Succeeded);
        Assert.StartsWith("cpu limit 1 s exceeded (", result.LimitExceeded, StringComparison.Ordinal);
        Assert.EndsWith("s of CPU used by the task's processes together, counted in its cgroup)", result.LimitExceeded, StringComparison.Ordinal);
        Assert.Equal(result.LimitExceeded, LimitVerdict.Of(limits, result));
    }

    [Fact]
    public async Task Processes_that_left_the_process_group_are_counted_and_killed()
    {
        // setsid puts each sleep in a session of its own: the process-group count cannot see them, the cgroup can.
        var result = await Run("for i in 1 2 3 4; do setsid sleep 300 & echo $!; done; wait", new TaskLimits { Processes = 3 });
        Assert.StartsWith("processes limit 3 exceeded (", result.LimitExceeded, StringComparison.Ordinal);
        Assert.EndsWith("processes alive in the task's cgroup)", result.LimitExceeded, StringComparison.Ordinal);
        var sleeps = Pids(result.Stdout);
        Assert.NotEmpty(sleeps);
        Assert.All(sleeps, pid => Assert.False(Alive(pid), $"sleep {pid} outlived its task"));
    }

    [Fact]
    public async Task What_a_finished_task_left_running_outside_its_group_is_killed()
    {
        var result = await Run("setsid sleep 300 > /dev/null 2>&1 & echo $!", new TaskLimits { OutputBytes = 1 << 20 });
        Assert.True(result.Succeeded, result.Stderr);
        var pid = Assert.Single(Pids(result.Stdout));
        Assert.False(Alive(pid), $"sleep {pid} outlived its task");
    }
}
