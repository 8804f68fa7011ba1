using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Execution.Limits;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Execution.Limits;

/// <summary>Limits through <see cref="DefaultTaskRunner"/>, as a node runs a shell task: the task fails naming the limit.</summary>
public sealed class ShellTaskLimitsTests
{
    private static DefaultTaskRunner Runner(TaskLimitsPolicy policy) =>
        new(FunctionRegistry.CreateWithBuiltIns(), new ShellOptions(new CommandPolicy(), Limits: policy), TimeProvider.System);

    private static TaskSpec Shell(string command, TaskLimits? limits = null) =>
        new() { Id = "t", Kind = TaskKind.Shell, Command = command, Limits = limits, WorkingDirectory = Path.GetTempPath() };

    private static async Task<Exception> Fails(DefaultTaskRunner runner, TaskSpec task)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Assert.ThrowsAnyAsync<Exception>(() => runner.RunAsync(task, 1, guard.Token));
    }

    [Fact]
    public async Task A_cpu_burning_task_with_cpu_1s_fails_naming_the_cpu_limit()
    {
        var error = await Fails(Runner(TaskLimitsPolicy.Unlimited), Shell("while :; do :; done", new TaskLimits { Cpu = TimeSpan.FromSeconds(1) }));
        Assert.IsType<ShellCommandFailedException>(error);
        Assert.Equal("cpu limit 1 s exceeded (killed by SIGXCPU); exit code 152", error.Message);
    }

    [Fact]
    public async Task With_cgroups_on_the_cpu_limit_of_a_task_is_summed_in_its_cgroup()
    {
        var runner = new DefaultTaskRunner(FunctionRegistry.CreateWithBuiltIns(), new ShellOptions(new CommandPolicy(), Cgroups: true), TimeProvider.System);
        var error = await Fails(runner, Shell("while :; do :; done", new TaskLimits { Cpu = TimeSpan.FromSeconds(1) }));
        Assert.IsType<ShellCommandFailedException>(error);
        Assert.Matches(@"^cpu limit 1 s exceeded \(1\.[0-9]{2} s of CPU used by the task's processes together, counted in its cgroup\); exit code [0-9]+$", error.Message);
    }

    [Fact]
    public async Task The_node_default_applies_to_a_task_that_sets_no_limit()
    {
        var node = TaskLimitsPolicy.Unlimited with { Defaults = new TaskLimits { OutputBytes = 100 } };
        var error = await Fails(Runner(node), Shell("head -c 1000 /dev/zero"));
        Assert.StartsWith("output limit 100 B exceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_asking_more_than_the_node_maximum_is_refused_before_it_runs()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"akc-limits-{Guid.NewGuid():N}");
        var node = TaskLimitsPolicy.Unlimited with { Maximum = new TaskLimits { Cpu = TimeSpan.FromSeconds(10) } };
        var error = await Fails(Runner(node), Shell($"touch {marker}", new TaskLimits { Cpu = TimeSpan.FromSeconds(60) }));
        Assert.IsType<TaskRejectedException>(error);
        Assert.Equal("refused by this node's limits, not run: limits.cpu = 60 s is above this node's maximum of 10 s (akc.executor.limits.max.cpu)", error.Message);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task A_working_directory_outside_the_confinement_root_is_refused()
    {
        var root = Directory.CreateTempSubdirectory("akc-confine-");
        try
        {
            var runner = Runner(TaskLimitsPolicy.Unlimited with { ConfineRoot = root.FullName });
            var error = await Fails(runner, Shell("true") with { WorkingDirectory = "/tmp" });
            Assert.IsType<TaskRejectedException>(error);
            Assert.Contains($"working directory '/tmp' is outside the confinement root '{root.FullName}'", error.Message, StringComparison.Ordinal);
            var ok = await runner.RunAsync(Shell("pwd") with { WorkingDirectory = root.FullName }, 1, CancellationToken.None);
            Assert.Equal(root.FullName + "\n", ok.GetProperty("stdout").GetString());
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
