using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using AkkaCompute.Client;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run saturation</c>: does a saturated cluster down members that are alive? Three <c>akc node</c> processes
/// (hocon/lan.conf: heartbeat 500 ms, acceptable pause 1 s, the split-brain resolver's stable-after 1 s) run CPU-bound
/// shell tasks (each a 2 s busy loop) on every executor for 60 s (15 s with --quick) on this 2-core machine, while every
/// node's management endpoint is polled every 200 ms. Figures: <c>saturation_unreachable_observations</c> (polls in
/// which some node saw another unreachable), <c>saturation_members_lost</c> (members that left the cluster, i.e. false
/// downings: every node stays alive) and <c>saturation_busy_tasks_done</c>.
/// </summary>
internal static class SaturationSuite
{
    private const string Suite = "saturation";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEnumerable<BenchResult> Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchResult>> RunAsync(bool quick)
    {
        var duration = TimeSpan.FromSeconds(quick ? 15 : 60);
        var akc = RealClusterFailure.Metadata("AkcDll");
        var lan = RealClusterFailure.Metadata("LanConf");
        var dir = Directory.CreateTempSubdirectory("akc-bench-saturation-");
        var ports = RealClusterFailure.FreeLoopbackPorts(3);
        var nodes = new List<BenchNode>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            nodes.AddRange(ports.Select(p => BenchNode.Start(akc, lan, dir.FullName, p, ports[..2])));
            await Task.WhenAll(nodes.Select(n => n.WaitStartedAsync()));
            await RealClusterFailure.AwaitUpAsync(http, nodes);
            await using var client = await ComputeClient.ConnectAsync([nodes[0].Address]);

            // Enough 2 s busy loops to keep every executor of every node busy for the whole run.
            var executors = 3 * Environment.ProcessorCount;
            var count = (int)(executors * duration.TotalSeconds / 2) + executors;
            var tasks = Enumerable.Range(0, count)
                .Select(i => new TaskSpec { Id = $"busy-{i:D5}", Kind = TaskKind.Shell, Command = "timeout 2 sh -c 'while :; do :; done'; true", Cache = false })
                .ToList();
            var before = (await client.StatusAsync()).Succeeded;
            await client.SubmitAsync(tasks, "saturation");

            var unreachable = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                var views = await Task.WhenAll(nodes.Select(n => TryViewAsync(http, n)));
                unreachable += views.Count(v => v is { Unreachable.Count: > 0 });
                await Task.Delay(200);
            }

            var finalViews = await Task.WhenAll(nodes.Select(n => TryViewAsync(http, n)));
            var lost = 3 - finalViews.Where(v => v is not null).Select(v => v!.Members.Count).DefaultIfEmpty(0).Min();
            var done = (await client.StatusAsync()).Succeeded - before;
            return
            [
                new BenchResult(Suite, "saturation_unreachable_observations", unreachable, "polls"),
                new BenchResult(Suite, "saturation_members_lost", lost, "members"),
                new BenchResult(Suite, "saturation_busy_tasks_done", done, "tasks"),
            ];
        }
        finally
        {
            BenchNode.DisposeAll(nodes, dir);
        }
    }

    private static async Task<View?> TryViewAsync(HttpClient http, BenchNode node)
    {
        try
        {
            return await http.GetFromJsonAsync<View>(new Uri(node.Management, "cluster"), Json);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The part of the management endpoint's status the suite reads.</summary>
    private sealed record View(IReadOnlyList<JsonElement> Members, IReadOnlyList<JsonElement> Unreachable);
}
