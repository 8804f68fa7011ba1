using System.Diagnostics;
using AkkaCompute.Client;
using AkkaCompute.Compute.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run mcp</c>: one <c>akc node</c> process on 127.0.0.1 (hocon/lan.conf) and one <c>akc mcp --contact</c> process
/// connected to it, driven over stdio by the MCP C# SDK's client, as an AI assistant would.
/// <list type="bullet">
/// <item><c>mcp_get_task_p50_ms</c> / <c>_p99_ms</c>: one <c>get_task</c> call at a time for a finished task (200; 50 with
/// --quick), from the call until its result arrived; the baseline is the same request made directly with
/// <see cref="ComputeClient.GetResultAsync"/> from this process (ClusterClient), so the ratio is what MCP (JSON-RPC over
/// stdio, the tool's JSON) adds.</item>
/// <item><c>mcp_cluster_status_p50_ms</c>: <c>cluster_status</c> (two ClusterClient asks), baseline the same two asks direct.</item>
/// </list>
/// </summary>
internal static class McpSuite
{
    private const string Suite = "mcp";

    public static IEnumerable<BenchResult> Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchResult>> RunAsync(bool quick)
    {
        var akc = RealClusterFailure.Metadata("AkcDll");
        var lan = RealClusterFailure.Metadata("LanConf");
        var dir = Directory.CreateTempSubdirectory("akc-bench-mcp-");
        var ports = RealClusterFailure.FreeLoopbackPorts(1);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var node = BenchNode.Start(akc, lan, dir.FullName, ports[0], ports);
        try
        {
            await node.WaitStartedAsync();
            await RealClusterFailure.AwaitUpAsync(http, [node]);
            await using var direct = await ComputeClient.ConnectAsync([node.Address]);
            await using var mcp = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "akc",
                Command = "dotnet",
                Arguments = ["exec", akc, "mcp", "--contact", node.Address],
                WorkingDirectory = dir.FullName,
            }));

            var submitted = await mcp.CallToolAsync("submit_tasks", new Dictionary<string, object?> { ["job"] = "tasks = [ { id = \"bench-mcp\", function = \"noop\" } ]", ["name"] = "bench-mcp" });
            Check(submitted);
            await direct.WaitForResultAsync("bench-mcp").WaitAsync(RealClusterFailure.Deadline);

            var rounds = quick ? 50 : 200;
            var viaMcp = await SamplesAsync(rounds, async () => Check(await mcp.CallToolAsync("get_task", new Dictionary<string, object?> { ["id"] = "bench-mcp" })));
            var viaClient = await SamplesAsync(rounds, () => direct.GetResultAsync("bench-mcp"));
            var statusMcp = await SamplesAsync(rounds, async () => Check(await mcp.CallToolAsync("cluster_status", new Dictionary<string, object?>())));
            var statusClient = await SamplesAsync(rounds, async () =>
            {
                await direct.MembersWithRolesAsync();
                await direct.StatusAsync();
            });
            return
            [
                new BenchResult(Suite, "mcp_get_task_p50_ms", Percentiles.Of(viaMcp, 0.50), "ms", Percentiles.Of(viaClient, 0.50)),
                new BenchResult(Suite, "mcp_get_task_p99_ms", Percentiles.Of(viaMcp, 0.99), "ms", Percentiles.Of(viaClient, 0.99)),
                new BenchResult(Suite, "mcp_cluster_status_p50_ms", Percentiles.Of(statusMcp, 0.50), "ms", Percentiles.Of(statusClient, 0.50)),
            ];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{e.Message}\n{node.Describe()}", e);
        }
        finally
        {
            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // a file still held by the killed node: left in the temp directory
            }
        }
    }

    private static async Task<List<double>> SamplesAsync(int rounds, Func<Task> call)
    {
        await call(); // warm-up
        var samples = new List<double>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return samples;
    }

    private static CallToolResult Check(CallToolResult result) => result.IsError == true
        ? throw new InvalidOperationException("tool error: " + string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text)))
        : result;
}
