using System.Diagnostics;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Node;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run shell</c>: <c>true</c> commands through the engine with 2 executors, against
/// <c>seq N | xargs -P2 -n1 true</c> measured in the same run.
/// </summary>
public static class ShellSuite
{
    private const string Suite = "shell";

    /// <summary>Runs the suite.</summary>
    public static IEnumerable<BenchResult> Run(bool quick)
    {
        var count = quick ? 500 : 2_000;
        Engine(100).GetAwaiter().GetResult();
        var baseline = Xargs(count);
        var engine = Engine(count).GetAwaiter().GetResult();
        yield return new BenchResult(Suite, "shell_true_tasks_per_s", engine, "tasks/s", baseline);
    }

    private static double Xargs(int count)
    {
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"seq {count} | xargs -P2 -n1 true"]))!;
        p.WaitForExit();
        return count / sw.Elapsed.TotalSeconds;
    }

    private static async Task<double> Engine(int count)
    {
        var settings = EngineSuite.TempSettings("shell", 2);
        await using var node = await ComputeNode.StartAsync(settings);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var tasks = Enumerable.Range(0, count).Select(i => new TaskSpec { Id = $"{prefix}-{i}", Kind = TaskKind.Shell, Command = "true", Cache = false }).ToList();
        var rate = await EngineSuite.RunAll(node, tasks);
        EngineSuite.Cleanup(settings);
        return rate;
    }
}
