using System.Diagnostics;
using System.Text.Json;
using AkkaCompute.Cli.Tests.Cluster;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace AkkaCompute.Cli.Tests.Mcp;

/// <summary>
/// <c>akc mcp</c> over stdio, driven by the MCP C# SDK's own client, against two running <c>akc node</c> processes (the second
/// with the role <c>gpu</c>): the tools and their schemas, a job submitted and followed to its end, cancel, the cluster tools,
/// and bad input as tool errors naming the field and position.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class McpServerTests(McpClusterFixture fixture, ITestOutputHelper output) : IClassFixture<McpClusterFixture>
{
    private static readonly TimeSpan Deadline = NodeCluster.Deadline;

    private McpClient Client => fixture.Client;

    [Fact]
    public async Task Every_tool_is_listed_with_a_description_and_a_json_schema_of_its_arguments()
    {
        var tools = (await Client.ListToolsAsync()).ToDictionary(t => t.Name);

        Assert.Equal(
            ["cancel_task", "check_tags", "cluster_status", "get_task", "list_tasks", "merkle_clock", "node_stats", "submit_tasks"],
            tools.Keys.Order(StringComparer.Ordinal));
        Assert.All(tools.Values, t => Assert.False(string.IsNullOrWhiteSpace(t.Description), t.Name));
        Assert.All(tools.Values, t => Assert.Equal("object", t.JsonSchema.GetProperty("type").GetString()));

        var submit = tools["submit_tasks"].JsonSchema;
        Assert.Equal(["job"], submit.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("string", submit.GetProperty("properties").GetProperty("job").GetProperty("type").GetString());
        Assert.True(submit.GetProperty("properties").TryGetProperty("vars", out _));
        Assert.Equal(["id"], tools["get_task"].JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["id"], tools["cancel_task"].JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("integer", tools["list_tasks"].JsonSchema.GetProperty("properties").GetProperty("limit").GetProperty("type").GetString());
        Assert.Contains("array", tools["check_tags"].JsonSchema.GetProperty("properties").GetProperty("requires").GetProperty("type").ToString());
    }

    [Fact]
    public async Task A_job_submitted_through_mcp_runs_to_its_end_and_get_task_and_list_tasks_show_it()
    {
        const string job = """
            { "job": { "name": "mcp-hello" },
              "tasks": [
                { "id": "mcp-echo", "function": "echo", "args": { "value": "hi" } },
                { "id": "mcp-shell", "shell": "echo from-shell" },
                { "id": "mcp-after", "function": "noop", "depends-on": ["mcp-echo"] }
              ] }
            """;
        var submitted = await CallAsync("submit_tasks", new() { ["job"] = job });
        Assert.Equal("mcp-hello", submitted.GetProperty("job").GetString());
        Assert.Equal(3, submitted.GetProperty("accepted").GetInt32() + submitted.GetProperty("alreadyKnown").GetInt32());

        var shell = await AwaitFinishedAsync("mcp-shell");
        Assert.Equal("Succeeded", shell.GetProperty("state").GetString());
        Assert.Equal("from-shell", shell.GetProperty("output").GetProperty("stdout").GetString()!.Trim());
        var echo = await AwaitFinishedAsync("mcp-echo");
        Assert.Equal("Succeeded", echo.GetProperty("state").GetString());
        Assert.Equal("hi", echo.GetProperty("output").GetString());
        Assert.Equal("Succeeded", (await AwaitFinishedAsync("mcp-after")).GetProperty("state").GetString());

        var listed = await CallAsync("list_tasks", new() { ["job"] = "mcp-hello" });
        var ids = listed.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal(["mcp-echo", "mcp-shell", "mcp-after"], ids);
        var succeeded = await CallAsync("list_tasks", new() { ["job"] = "mcp-hello", ["state"] = "succeeded" });
        Assert.Contains("mcp-shell", succeeded.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.All(succeeded.GetProperty("tasks").EnumerateArray(), t => Assert.Equal("Succeeded", t.GetProperty("state").GetString()));

        // Submitting the same job again is safe: nothing runs twice.
        var again = await CallAsync("submit_tasks", new() { ["job"] = job });
        Assert.Equal(3, again.GetProperty("alreadyKnown").GetInt32());
    }

    [Fact]
    public async Task Cancel_task_stops_a_running_task_and_get_task_then_says_cancelled()
    {
        var submitted = await CallAsync("submit_tasks", new() { ["job"] = "tasks = [ { id = \"mcp-long\", shell = \"sleep 120\" } ]", ["name"] = "mcp-cancel" });
        Assert.Equal("mcp-cancel", submitted.GetProperty("job").GetString());
        await AwaitAsync(async () => (await CallAsync("get_task", new() { ["id"] = "mcp-long" })).GetProperty("state").GetString() == "Running", "mcp-long running");

        var cancelled = await CallAsync("cancel_task", new() { ["id"] = "mcp-long" });
        Assert.True(cancelled.GetProperty("cancelled").GetBoolean(), cancelled.ToString());
        var task = await AwaitFinishedAsync("mcp-long");
        Assert.Equal("Cancelled", task.GetProperty("state").GetString());

        var again = await CallAsync("cancel_task", new() { ["id"] = "mcp-long" });
        Assert.False(again.GetProperty("cancelled").GetBoolean());
        Assert.Contains("already", again.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Cluster_status_node_stats_and_merkle_clock_describe_the_cluster()
    {
        var status = await CallAsync("cluster_status", []);
        Assert.Equal(2, status.GetProperty("memberCount").GetInt32());
        var members = status.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("address").GetString()!, m => m.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList());
        Assert.Contains("gpu", members[fixture.Nodes[1].Address.ToString()]);
        Assert.DoesNotContain("gpu", members[fixture.Nodes[0].Address.ToString()]);
        Assert.True(status.GetProperty("tasks").GetProperty("byState").TryGetProperty("Succeeded", out _));

        var stats = await CallAsync("node_stats", []);
        Assert.Equal(2, stats.GetProperty("members").GetInt32());
        Assert.True(stats.TryGetProperty("handedOff", out _));

        var clock = await CallAsync("merkle_clock", []);
        var entries = clock.GetProperty("entries").EnumerateArray().Select(e => (Node: e.GetProperty("node").GetString()!, Counter: e.GetProperty("counter").GetInt64())).ToList();
        var canonical = "[" + string.Join(", ", entries.OrderBy(e => e.Node, StringComparer.Ordinal).Select(e => $"[\"{e.Node}\", {e.Counter}]")) + "]";
        Assert.Equal(Compute.Distributed.TaskHash.HexSha256(canonical), clock.GetProperty("head").GetString());
    }

    [Fact]
    public async Task Check_tags_names_the_members_that_have_the_required_roles()
    {
        var gpu = await CallAsync("check_tags", new() { ["requires"] = new[] { "gpu" } });
        Assert.True(gpu.GetProperty("runnable").GetBoolean());
        Assert.Equal([fixture.Nodes[1].Address.ToString()], gpu.GetProperty("eligible").EnumerateArray().Select(m => m.GetProperty("address").GetString()));
        Assert.Equal(["gpu"], gpu.GetProperty("ineligible")[0].GetProperty("missing").EnumerateArray().Select(r => r.GetString()));

        var none = await CallAsync("check_tags", new() { ["requires"] = new[] { "tpu" } });
        Assert.False(none.GetProperty("runnable").GetBoolean());

        var any = await CallAsync("check_tags", []);
        Assert.Equal(2, any.GetProperty("eligible").GetArrayLength());

        var ofTask = await CallAsync("check_tags", new()
        {
            ["job"] = "tasks = [ { id = \"train\", shell = \"true\", requires = [\"gpu\"], tags = [\"ml\"] } ]",
            ["task"] = "train",
        });
        Assert.Equal(["gpu"], ofTask.GetProperty("requires").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["ml"], ofTask.GetProperty("tags").EnumerateArray().Select(r => r.GetString()));
        Assert.False(ofTask.GetProperty("tagsRoute").GetBoolean());
        Assert.Single(ofTask.GetProperty("eligible").EnumerateArray());
    }

    [Fact]
    public async Task A_bad_job_is_a_tool_error_listing_every_problem_with_line_and_column()
    {
        const string job = "tasks = [\n  { id = \"a\", function = \"no-such-function\" }\n  { id = \"b\", shell = \"true\", priority = \"high\" }\n]\n";
        var error = await CallErrorAsync("submit_tasks", new() { ["job"] = job, ["name"] = "broken" });
        Assert.Contains("broken.conf:2:", error);
        Assert.Contains("no-such-function", error);
        Assert.Contains("broken.conf:3:", error);

        Assert.Contains("broken.conf:1:", await CallErrorAsync("submit_tasks", new() { ["job"] = "tasks = [ {", ["name"] = "broken" }));
        Assert.Contains("job: is empty", await CallErrorAsync("submit_tasks", new() { ["job"] = " " }));
        Assert.Contains("vars: NOPE", await CallErrorAsync("submit_tasks", new() { ["job"] = "tasks = [ { id = \"v\", shell = \"true\" } ]", ["vars"] = new Dictionary<string, string> { ["NOPE"] = "1" } }));
        Assert.Contains("no member knows task 'never-submitted'", await CallErrorAsync("get_task", new() { ["id"] = "never-submitted" }));
        Assert.Contains("id: is empty", await CallErrorAsync("get_task", new() { ["id"] = "" }));
        Assert.Contains("limit: 0 is out of range", await CallErrorAsync("list_tasks", new() { ["limit"] = 0 }));
        Assert.Contains("state: 'sleeping'", await CallErrorAsync("list_tasks", new() { ["state"] = "sleeping" }));
        Assert.Contains("task: the job has no task 'x'", await CallErrorAsync("check_tags", new() { ["job"] = "tasks = [ { id = \"y\", shell = \"true\" } ]", ["task"] = "x" }));

        // The server is still there.
        Assert.Equal(2, (await CallAsync("cluster_status", [])).GetProperty("memberCount").GetInt32());
    }

    [Fact]
    public async Task Round_trip_of_get_task_is_measured()
    {
        await CallAsync("submit_tasks", new() { ["job"] = "tasks = [ { id = \"mcp-rt\", function = \"noop\" } ]", ["name"] = "mcp-rt" });
        await AwaitFinishedAsync("mcp-rt");
        var samples = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var clock = Stopwatch.StartNew();
            var task = await CallAsync("get_task", new() { ["id"] = "mcp-rt" });
            samples.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal("Succeeded", task.GetProperty("state").GetString());
        }

        samples.Sort();
        output.WriteLine($"mcp get_task round trip over stdio: median {samples[25]:0.00} ms, p90 {samples[45]:0.00} ms, min {samples[0]:0.00} ms (50 calls; load {File.ReadAllText("/proc/loadavg").Trim()})");
        Assert.Equal(50, samples.Count);
    }

    private async Task<JsonElement> CallAsync(string tool, Dictionary<string, object?> args)
    {
        var result = await Client.CallToolAsync(tool, args).AsTask().WaitAsync(Deadline);
        var text = Text(result);
        Assert.False(result.IsError == true, $"{tool}: {text}\nserver stderr:\n{string.Join("\n", fixture.ServerStderr.TakeLast(30))}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<string> CallErrorAsync(string tool, Dictionary<string, object?> args)
    {
        var result = await Client.CallToolAsync(tool, args).AsTask().WaitAsync(Deadline);
        var text = Text(result);
        Assert.True(result.IsError == true, $"{tool} did not fail: {text}");
        output.WriteLine($"{tool}: {text}");
        return text;
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    private async Task<JsonElement> AwaitFinishedAsync(string id)
    {
        JsonElement task = default;
        await AwaitAsync(async () => (task = await CallAsync("get_task", new() { ["id"] = id })).GetProperty("finished").GetBoolean(), $"{id} finished");
        return task;
    }

    private static async Task AwaitAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Deadline, $"not within {Deadline}: {what}");
            await Task.Delay(100);
        }
    }
}
