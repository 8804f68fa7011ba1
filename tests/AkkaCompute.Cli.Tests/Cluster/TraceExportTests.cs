using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// <c>akc.management.otlp-traces-endpoint</c>: a node sends a span per task attempt with OTLP over HTTP/protobuf. The
/// collector here is an <see cref="HttpListener"/> on loopback that keeps every request body.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class TraceExportTests
{
    [Fact]
    public async Task A_node_sends_a_span_for_each_attempt_to_the_otlp_endpoint()
    {
        var collectorPort = LoopbackPorts.Take(1)[0];
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{collectorPort}/");
        collector.Start();
        var bodies = new ConcurrentQueue<(string Path, string? Type, byte[] Body)>();
        var serving = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await collector.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                bodies.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        using var h = new CliHarness();
        var port = LoopbackPorts.Take(1)[0];
        await using var node = await AkcNodeProcess.StartAsync("127.0.0.1", port, [$"akka.tcp://akc@127.0.0.1:{port}"], h.Root, netns: null, managementPort: 0,
            extraArgs: ["--set", $"management.otlp-traces-endpoint=http://127.0.0.1:{collectorPort}/v1/traces"]);
        await NodeCluster.AwaitMembersAsync([node], [node]);
        var job = h.Write("traced.conf", "tasks = [\n  { id = \"traced-task-1\", function = \"echo\", args { value = 1 } }\n]\n");
        var (code, stdout, err) = await h.RunAsync("run", job, "--contact", node.Address.ToString(), "--no-progress");
        Assert.True(code == 0, stdout + err);

        // The batch exporter sends within its schedule (5 s by default); the span carries the task id as a string attribute.
        var deadline = DateTime.UtcNow + NodeCluster.Deadline;
        while (!bodies.Any(b => Encoding.UTF8.GetString(b.Body).Contains("traced-task-1", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no span naming traced-task-1 reached the collector ({bodies.Count} requests)\n{node.Describe()}");
            await Task.Delay(100);
        }

        var span = bodies.First(b => Encoding.UTF8.GetString(b.Body).Contains("traced-task-1", StringComparison.Ordinal));
        Assert.Equal("/v1/traces", span.Path);
        Assert.Equal("application/x-protobuf", span.Type);
        Assert.Contains(node.Address.ToString(), Encoding.UTF8.GetString(span.Body)); // the owner tag and the service instance
        collector.Stop();
        await serving;
    }
}
