using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AkkaCompute.Cli.Tests.Api;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// A delayed task is durable with its due time: an <c>akc node</c> killed with SIGKILL before the task is due and started again
/// on the same data directory runs it once, not before its time.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class ScheduleRestartTests : IDisposable
{
    private readonly CliHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_node_killed_before_a_delayed_task_is_due_runs_it_once_after_it_restarts()
    {
        var port = LoopbackPorts.Take(1)[0];
        string[] seeds = [$"akka.tcp://akc@127.0.0.1:{port}"];
        var marks = Path.Combine(_harness.Root, "ran.txt");
        DateTimeOffset due;
        await using (var node = await AkcNodeProcess.StartAsync("127.0.0.1", port, seeds, _harness.Root, netns: null, managementPort: 0))
        {
            using var http = node.ApiClient();
            await ApiNodeFixture.AwaitAsync(async () => (await http.GetFromJsonAsync<JsonElement>("api/v1/nodes")).GetProperty("members").EnumerateArray().Any(m => m.GetProperty("status").GetString() == "Up"), "the node is Up");
            using var response = await http.PostAsync("api/v1/jobs", new StringContent($$"""
                job { name = "restart" }
                tasks = [ { id = "restart-later", shell = "date +%s >> '{{marks}}'", delay = 8s, cache = false } ]
                """, Encoding.UTF8, "application/hocon"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var task = await http.GetFromJsonAsync<JsonElement>("api/v1/tasks/restart-later");
            Assert.Equal("Scheduled", task.GetProperty("state").GetString());
            due = task.GetProperty("definition").GetProperty("notBefore").GetDateTimeOffset();
            node.KillHard();
        }

        Assert.False(File.Exists(marks), "the task ran before its time");
        await using var again = await AkcNodeProcess.StartAsync("127.0.0.1", port, seeds, _harness.Root, netns: null, managementPort: 0);
        using var http2 = again.ApiClient();
        await ApiNodeFixture.AwaitAsync(async () =>
            (await http2.GetFromJsonAsync<JsonElement>("api/v1/tasks/restart-later")).GetProperty("state").GetString() == "Succeeded", "the task ran after the restart");
        var lines = await File.ReadAllLinesAsync(marks);
        var ranAt = Assert.Single(lines); // once
        Assert.True(long.Parse(ranAt, System.Globalization.CultureInfo.InvariantCulture) >= due.ToUnixTimeSeconds(), $"ran at {ranAt}, due {due:O}");
        var after = await http2.GetFromJsonAsync<JsonElement>("api/v1/tasks/restart-later");
        Assert.Equal(due, after.GetProperty("definition").GetProperty("notBefore").GetDateTimeOffset()); // the delay was not restarted
    }
}
