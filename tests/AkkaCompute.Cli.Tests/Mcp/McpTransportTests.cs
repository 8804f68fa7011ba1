using System.Diagnostics;
using System.Text.Json;
using AkkaCompute.Cli.Tests.Cluster;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AkkaCompute.Cli.Tests.Mcp;

/// <summary>
/// The transports of <c>akc mcp</c>: over stdio every stdout line is a JSON-RPC frame even with debug logging (logs go to
/// stderr), and the server exits 0 when the client closes stdin; over streamable HTTP (<c>--http</c>) the SDK's HTTP client
/// reaches the same tools; bad arguments exit 2 with one line.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class McpTransportTests(McpClusterFixture fixture) : IClassFixture<McpClusterFixture>
{
    private static readonly TimeSpan Deadline = NodeCluster.Deadline;

    [Fact]
    public async Task Over_stdio_stdout_carries_only_json_rpc_frames_and_logs_go_to_stderr()
    {
        using var process = Start("--log-level", "debug");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdin = process.StandardInput;
        await stdin.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        await stdin.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await stdin.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"cluster_status","arguments":{}}}""");
        await stdin.WriteLineAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"submit_tasks","arguments":{"job":"tasks = [ { id = \"raw-1\", function = \"noop\" } ]","name":"raw"}}}""");
        await stdin.WriteLineAsync("""{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"get_task","arguments":{"id":""}}}""");

        var answered = new Dictionary<int, JsonElement>();
        var lines = new List<string>();
        var clock = Stopwatch.StartNew();
        while (answered.Count < 4)
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(Deadline - clock.Elapsed);
            Assert.True(line is not null, $"stdout ended after {string.Join("\n", lines)}");
            lines.Add(line);
            using var frame = JsonDocument.Parse(line); // anything but a JSON frame fails here
            Assert.Equal("2.0", frame.RootElement.GetProperty("jsonrpc").GetString());
            if (frame.RootElement.TryGetProperty("id", out var id))
            {
                answered[id.GetInt32()] = frame.RootElement.Clone();
            }
        }

        stdin.Close(); // the client goes away: the server ends
        await process.WaitForExitAsync().WaitAsync(Deadline);
        var rest = await process.StandardOutput.ReadToEndAsync();
        Assert.All(rest.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => JsonDocument.Parse(l).Dispose());
        Assert.Equal(0, process.ExitCode);
        using var status = JsonDocument.Parse(answered[2].GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!);
        Assert.Equal(2, status.RootElement.GetProperty("memberCount").GetInt32());
        Assert.False(answered[3].GetProperty("result").TryGetProperty("isError", out var e3) && e3.GetBoolean(), answered[3].ToString());
        Assert.True(answered[4].GetProperty("result").GetProperty("isError").GetBoolean(), answered[4].ToString());
        Assert.NotEmpty((await stderr).Trim()); // debug logs went there
    }

    [Fact]
    public async Task Over_streamable_http_the_sdk_client_lists_and_calls_the_tools()
    {
        using var process = Start("--http", "http://127.0.0.1:0/mcp");
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(Deadline);
            Assert.True(first is not null && first.StartsWith("mcp http://127.0.0.1:", StringComparison.Ordinal), $"{first}\n{(process.HasExited ? await errors : string.Empty)}");
            var endpoint = new Uri(first["mcp ".Length..]);
            Assert.Equal("/mcp", endpoint.AbsolutePath);
            Assert.NotEqual(0, endpoint.Port);

            await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = HttpTransportMode.StreamableHttp }));
            var tools = await client.ListToolsAsync();
            Assert.Equal(8, tools.Count);
            var status = await client.CallToolAsync("cluster_status", new Dictionary<string, object?>());
            Assert.False(status.IsError == true);
            using var doc = JsonDocument.Parse(status.Content.OfType<TextContentBlock>().Single().Text);
            Assert.Equal(2, doc.RootElement.GetProperty("memberCount").GetInt32());
        }
        finally
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await term.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(Deadline);
        }

        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task Bad_arguments_exit_2_and_a_port_in_use_exits_1_with_one_line()
    {
        using var h = new CliHarness();
        var (code, _, err) = await h.RunAsync("mcp", "--contact", fixture.Nodes[0].Address.ToString(), "--http", "ftp://127.0.0.1:1/mcp");
        Assert.Equal(2, code);
        Assert.Contains("--http ftp://127.0.0.1:1/mcp: is not an http:// URL", err);

        (code, _, err) = await h.RunAsync("mcp", "--contact", fixture.Nodes[0].Address.ToString(), "--http", "http://127.0.0.1/mcp");
        Assert.Equal(2, code);
        Assert.Contains("has no port", err);

        (code, _, err) = await h.RunAsync("mcp", "--contact", fixture.Nodes[0].Address.ToString(), "--request-timeout", "0");
        Assert.Equal(2, code);
        Assert.Contains("--request-timeout must be 1 to 300 seconds", err);

        (code, _, err) = await h.RunAsync("mcp", "--contact", "not an address");
        Assert.Equal(2, code);
        Assert.StartsWith("akc mcp: ", err);
        Assert.Single(err.Trim().Split('\n'));

        using (LoopbackPorts.Occupy(out var busy))
        {
            (code, _, err) = await h.RunAsync("mcp", "--contact", fixture.Nodes[0].Address.ToString(), "--http", $"http://127.0.0.1:{busy}/mcp");
            Assert.Equal(1, code);
            Assert.Contains($"akc mcp: cannot listen on http://127.0.0.1:{busy}/mcp", err);
        }

        var (helpCode, help, _) = await h.RunAsync("mcp", "--help");
        Assert.Equal(0, helpCode);
        Assert.Contains("submit_tasks", help);
        Assert.Contains("--http", help);
    }

    private Process Start(params string[] extraArgs)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = fixture.Root,
        };
        foreach (var a in (string[])["exec", McpClusterFixture.AkcDll, "mcp", "--contact", fixture.Nodes[0].Address.ToString(), .. extraArgs])
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }
}
