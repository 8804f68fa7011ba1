using System.Diagnostics;
using System.Globalization;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Node;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run shell</c>: <c>true</c> commands through the engine with 2 executors, against
/// <c>seq N | xargs -P2 -n1 true</c> measured in the same run. Both start processes as fast as two cores allow, so each
/// disturbs the other: they run in turns (xargs, then the engine, three times; once with quick) and the figure is the
/// median of each. The engine runs on one node, after a warm-up of <see cref="WarmUpTasks"/> tasks on it (the first
/// tasks pay for compiling the engine's code), and reports each round on stderr.
/// </summary>
public static class ShellSuite
{
    private const string Suite = "shell";

    /// <summary>Tasks run before the measured rounds, unmeasured.</summary>
    public const int WarmUpTasks = 1_000;

    /// <summary>Runs the suite.</summary>
    public static IEnumerable<BenchResult> Run(bool quick)
    {
        var (engine, baseline) = Rounds(quick ? 500 : 2_000, quick ? 1 : 3).GetAwaiter().GetResult();
        yield return new BenchResult(Suite, "shell_true_tasks_per_s", engine, "tasks/s", baseline);
    }

    private static async Task<(double Engine, double Xargs)> Rounds(int count, int rounds)
    {
        var settings = EngineSuite.TempSettings("shell", 2);
        try
        {
            await using var node = await ComputeNode.StartAsync(settings);
            await EngineSuite.RunAll(node, Tasks(WarmUpTasks));
            var engine = new List<double>();
            var xargs = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                xargs.Add(Xargs(count));
                engine.Add(await EngineSuite.RunAll(node, Tasks(count)));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"shell: round {i + 1}: engine {engine[^1]:F0} tasks/s, xargs -P2 {xargs[^1]:F0} tasks/s ({engine[^1] / xargs[^1]:F2})"));
            }

            return (Median(engine), Median(xargs));
        }
        finally
        {
            EngineSuite.Cleanup(settings);
        }
    }

    private static List<TaskSpec> Tasks(int count)
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        return Enumerable.Range(0, count).Select(i => new TaskSpec { Id = $"{prefix}-{i}", Kind = TaskKind.Shell, Command = "true", Cache = false }).ToList();
    }

    private static double Xargs(int count)
    {
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"seq {count} | xargs -P2 -n1 true"]))!;
        p.WaitForExit();
        return count / sw.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
