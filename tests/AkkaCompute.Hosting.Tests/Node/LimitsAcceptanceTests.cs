using AkkaCompute.Compute.Execution.Limits;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Hosting.Tests.Node;

/// <summary>A node refuses, at acceptance, a batch with a task above its limits' maxima or outside its confinement root (as a client submission would arrive).</summary>
public sealed class LimitsAcceptanceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("akc-limits-accept-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_task_above_the_maximum_or_outside_the_root_is_refused_and_a_task_within_them_accepted()
    {
        var jobs = Directory.CreateDirectory(Path.Combine(_dir, "jobs")).FullName;
        var settings = new NodeSettings
        {
            Storage = new StorageSettings { DataDirectory = Path.Combine(_dir, "data"), DatabasePath = Path.Combine(_dir, "data", "akc.db") },
            Executor = new ExecutorSettings { LimitsMax = new TaskLimits { Cpu = TimeSpan.FromSeconds(10) }, ShellConfineRoot = jobs },
        };
        await using var node = await ComputeNode.StartAsync(settings);
        TaskSpec Shell(string id, TaskLimits? limits = null, string? cwd = null) =>
            new() { Id = id, Kind = TaskKind.Shell, Command = "true", Limits = limits, WorkingDirectory = cwd ?? jobs };

        var big = await node.SubmitAsync([Shell("ok"), Shell("big", new TaskLimits { Cpu = TimeSpan.FromSeconds(60) })]);
        Assert.Equal("task 'big': limits.cpu = 60 s is above this node's maximum of 10 s (akc.executor.limits.max.cpu)", Assert.IsType<BatchRefused>(big).Reason);

        var outside = await node.SubmitAsync([Shell("out", cwd: "/")]);
        Assert.Equal($"task 'out': working directory '/' is outside the confinement root '{jobs}' (akc.executor.shell.confine-root)", Assert.IsType<BatchRefused>(outside).Reason);

        var fine = await node.SubmitAsync([Shell("ok", new TaskLimits { Cpu = TimeSpan.FromSeconds(10) })]);
        Assert.Equal(["ok"], Assert.IsType<BatchAccepted>(fine).Accepted);
    }
}
