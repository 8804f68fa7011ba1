using System.Diagnostics;
using System.Net;
using System.Text;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run api</c>: one <c>akc node</c> process on 127.0.0.1 (a one-member cluster, its own SQLite journal) and this process
/// as an HTTP client of its REST API (<c>/api/v1</c>).
/// <list type="bullet">
/// <item><c>api_submit_tasks_per_s</c>: no-op tasks (the built-in <c>echo</c>, cache off) submitted as JSON batches of 5,000
/// (<c>POST /api/v1/jobs?job=...</c>: parsed and checked as <c>akc run</c> does, journaled before the 202), 2 requests in flight,
/// 100,000 tasks (20,000 with --quick); from the first request until the last 202.</item>
/// <item><c>api_get_task_per_s</c>: <c>GET /api/v1/tasks/{id}</c> (definition, state, timeline from the history) for finished
/// tasks, 8 requests in flight for 10 s (3 s with --quick); baseline: <c>GET /cluster</c> (Akka's membership state, no ask) the
/// same way. <c>api_get_task_p50_ms</c> / <c>_p99_ms</c>: their latencies.</item>
/// </list>
/// </summary>
internal static class ApiSuite
{
    /// <summary>The bench node's management token (the REST API's writes need one).</summary>
    private const string Token = "akc-bench-token";

    /// <summary>The environment variable that carries <see cref="Token"/> to the node.</summary>
    private const string TokenVariable = "AKC_BENCH_MANAGEMENT_TOKEN";

    private const string Suite = "api";
    private const int BatchSize = 5_000;

    public static IEnumerable<BenchResult> Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchResult>> RunAsync(bool quick)
    {
        var akc = RealClusterFailure.Metadata("AkcDll");
        var lan = RealClusterFailure.Metadata("LanConf");
        var dir = Directory.CreateTempSubdirectory("akc-bench-api-");
        var port = RealClusterFailure.FreeLoopbackPorts(1)[0];
        var nodes = new List<BenchNode>();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            Environment.SetEnvironmentVariable(TokenVariable, Token); // inherited by the node, named by management.token-env
            nodes.Add(BenchNode.Start(akc, lan, dir.FullName, port, [port], ["--set", "management.token-env=" + TokenVariable]));
            await nodes[0].WaitStartedAsync();
            await RealClusterFailure.AwaitUpAsync(probe, nodes);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = nodes[0].Management, Timeout = TimeSpan.FromSeconds(120) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);

            var results = new List<BenchResult>();
            var total = quick ? 20_000 : 100_000;
            results.Add(new BenchResult(Suite, "api_submit_tasks_per_s", await SubmitAsync(http, total), "tasks/s"));
            await AwaitFinishedAsync(http, total);

            var seconds = TimeSpan.FromSeconds(quick ? 3 : 10);
            var ids = Enumerable.Range(0, total).Select(Id).ToArray();
            var (taskRate, taskLatencies) = await ReadLoadAsync(http, seconds, i => $"api/v1/tasks/{ids[i % ids.Length]}");
            var (clusterRate, _) = await ReadLoadAsync(http, seconds, _ => "cluster");
            results.Add(new BenchResult(Suite, "api_get_task_per_s", taskRate, "req/s", clusterRate));
            results.Add(new BenchResult(Suite, "api_get_task_p50_ms", Percentile(taskLatencies, 0.50), "ms"));
            results.Add(new BenchResult(Suite, "api_get_task_p99_ms", Percentile(taskLatencies, 0.99), "ms"));
            return results;
        }
        finally
        {
            BenchNode.DisposeAll(nodes, dir);
        }
    }

    private static string Id(int i) => $"api-noop-{i:D6}";

    private static async Task<double> SubmitAsync(HttpClient http, int total)
    {
        var bodies = Enumerable.Range(0, total / BatchSize).Select(b =>
        {
            var text = new StringBuilder("[");
            for (var i = b * BatchSize; i < (b + 1) * BatchSize; i++)
            {
                text.Append(i == b * BatchSize ? "" : ",").Append("{\"id\":\"").Append(Id(i)).Append("\",\"function\":\"echo\",\"cache\":false}");
            }

            return (Job: $"bench-api-{b:D3}", Body: text.Append(']').ToString());
        }).ToList();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < bodies.Count)
            {
                using var content = new StringContent(bodies[b].Body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync($"api/v1/jobs?job={bodies[b].Job}", content);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"batch {b}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        return total / clock.Elapsed.TotalSeconds;
    }

    private static async Task AwaitFinishedAsync(HttpClient http, int total)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("api/v1/stats"));
            if (status.RootElement.GetProperty("node").GetProperty("succeeded").GetInt32() >= total)
            {
                return;
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new InvalidOperationException($"{total} no-op tasks did not finish within 5 minutes");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Runs 8 loops of GETs for <paramref name="duration"/>; returns requests per second and every latency (ms).</summary>
    private static async Task<(double Rate, List<double> Latencies)> ReadLoadAsync(HttpClient http, TimeSpan duration, Func<int, string> path)
    {
        var latencies = new List<double>();
        var count = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            var mine = new List<double>();
            for (var i = worker * 7919; clock.Elapsed < duration; i += 13)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path(i));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {path(i)}: {(int)response.StatusCode}");
                }

                await response.Content.LoadIntoBufferAsync();
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                Interlocked.Increment(ref count);
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        }));
        return (count / clock.Elapsed.TotalSeconds, latencies);
    }

    private static double Percentile(List<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return 0;
        }

        var sorted = samples.Order().ToList();
        return Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], 3);
    }
}
