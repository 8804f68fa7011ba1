using AkkaCompute.Compute.Execution.Limits;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Execution.Limits;

public sealed class TaskLimitsPolicyTests
{
    private static TaskSpec Shell(TaskLimits? limits = null, string? cwd = null, TimeSpan? timeout = null) =>
        new() { Id = "t", Kind = TaskKind.Shell, Command = "true", Limits = limits, WorkingDirectory = cwd, Timeout = timeout };

    private static readonly TaskLimitsPolicy Node = new(
        new TaskLimits { Cpu = TimeSpan.FromSeconds(5), OutputBytes = 1 << 20 },
        new TaskLimits { Cpu = TimeSpan.FromSeconds(10), MemoryBytes = 512L << 20, Processes = 64 },
        MaxWallTime: TimeSpan.FromHours(1));

    [Fact]
    public void A_task_s_own_limits_win_then_the_node_default_then_the_node_maximum()
    {
        var effective = Node.Effective(Shell(new TaskLimits { Cpu = TimeSpan.FromSeconds(8) }));
        Assert.Equal(TimeSpan.FromSeconds(8), effective.Cpu);
        Assert.Equal(512L << 20, effective.MemoryBytes);
        Assert.Equal(64, effective.Processes);
        Assert.Equal(1 << 20, effective.OutputBytes);
        Assert.Equal(TimeSpan.FromSeconds(5), Node.Effective(Shell()).Cpu);
    }

    [Fact]
    public void Without_defaults_or_maxima_nothing_is_limited()
    {
        Assert.True(TaskLimitsPolicy.Unlimited.Effective(Shell()).IsEmpty);
        Assert.Null(TaskLimitsPolicy.Unlimited.Problem(Shell(new TaskLimits { Cpu = TaskLimits.CpuMax })));
    }

    [Fact]
    public void Function_tasks_get_no_limits()
    {
        var function = new TaskSpec { Id = "f", Function = "noop" };
        Assert.True(Node.Effective(function).IsEmpty);
        Assert.Equal("limits apply to shell tasks only (a function runs inside the node or its worker process)",
            Node.Problem(function with { Limits = new TaskLimits { Cpu = TimeSpan.FromSeconds(1) } }));
    }

    [Theory]
    [InlineData(20, null, null, null, "limits.cpu = 20 s is above this node's maximum of 10 s (akc.executor.limits.max.cpu)")]
    [InlineData(null, 1024L, null, null, "limits.memory = 1 GiB is above this node's maximum of 512 MiB (akc.executor.limits.max.memory)")]
    [InlineData(null, null, 65, null, "limits.processes = 65 is above this node's maximum of 64 (akc.executor.limits.max.processes)")]
    [InlineData(10, 512L, 64, null, null)]
    public void A_task_asking_more_than_the_node_maximum_is_refused_naming_the_limit(int? cpu, long? memoryMiB, int? processes, long? output, string? expected)
    {
        var limits = new TaskLimits
        {
            Cpu = cpu is { } c ? TimeSpan.FromSeconds(c) : null,
            MemoryBytes = memoryMiB << 20,
            Processes = processes,
            OutputBytes = output,
        };
        Assert.Equal(expected, Node.Problem(Shell(limits)));
    }

    [Fact]
    public void Out_of_range_limits_are_refused()
    {
        Assert.Equal("limits.memory = 1 MiB must be between 16 MiB and 1 TiB", TaskLimitsPolicy.Unlimited.Problem(Shell(new TaskLimits { MemoryBytes = 1 << 20 })));
        Assert.Equal("limits.processes = 0 must be between 1 and 100,000", TaskLimitsPolicy.Unlimited.Problem(Shell(new TaskLimits { Processes = 0 })));
    }

    [Fact]
    public void A_timeout_above_the_maximum_wall_time_is_refused()
    {
        Assert.Equal("timeout (the wall-time limit) = 7200 s is above this node's maximum of 3600 s (akc.executor.limits.max.wall-time)",
            Node.Problem(Shell(timeout: TimeSpan.FromHours(2))));
        Assert.Null(Node.Problem(Shell(timeout: TimeSpan.FromHours(1))));
    }

    [Fact]
    public void Confinement_accepts_a_directory_below_the_root_and_refuses_one_outside()
    {
        var root = Directory.CreateTempSubdirectory("akc-confine-");
        try
        {
            var inside = Directory.CreateDirectory(Path.Combine(root.FullName, "job")).FullName;
            var policy = TaskLimitsPolicy.Unlimited with { ConfineRoot = root.FullName };
            Assert.Null(policy.Problem(Shell(cwd: inside)));
            Assert.Null(policy.Problem(Shell(cwd: root.FullName)));
            Assert.Equal($"working directory '/' is outside the confinement root '{root.FullName}' (akc.executor.shell.confine-root)", policy.Problem(Shell(cwd: "/")));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
