using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AkkaCompute.Cli.Tests.Cluster;

namespace AkkaCompute.Cli.Tests.Api;

/// <summary>
/// A running shell task's <c>::progress</c> line shows in the REST API of a real <c>akc node</c>: <c>progress</c> on
/// <c>GET /api/v1/tasks/{id}</c>, on the running tasks of <c>/api/v1/tasks?state=Running</c> and <c>/api/v1/stats</c>; it is
/// gone once the task finished. The task waits for a file the test creates.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class ProgressApiTests(ApiNodeFixture fixture) : IClassFixture<ApiNodeFixture>
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task A_running_shell_task_shows_the_progress_it_printed_and_none_once_finished()
    {
        var go = Path.Combine(fixture.WorkDir, "progress-go");
        var command = $"echo start; echo '::progress 40%'; echo '::progress 0.5'; while [ ! -e '{go}' ]; do sleep 0.05; done; echo end";
        using var response = await Http.PostAsync("api/v1/jobs?job=progress-api", JsonContent.Create(new[] { new { id = "progress-api-1", shell = command } }));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());

        JsonElement task = default;
        await ApiNodeFixture.AwaitAsync(async () =>
        {
            task = await Http.GetFromJsonAsync<JsonElement>("api/v1/tasks/progress-api-1");
            return task.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Number && p.GetDouble() == 0.5;
        }, "GET /api/v1/tasks/progress-api-1 shows progress 0.5");
        Assert.Equal("Running", task.GetProperty("state").GetString());

        var running = await Http.GetFromJsonAsync<JsonElement>("api/v1/tasks?state=Running");
        var listed = running.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "progress-api-1");
        Assert.Equal(0.5, listed.GetProperty("progress").GetDouble());
        var stats = await Http.GetFromJsonAsync<JsonElement>("api/v1/stats");
        Assert.Equal(0.5, stats.GetProperty("running").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "progress-api-1").GetProperty("progress").GetDouble());

        await File.WriteAllTextAsync(go, "go");
        await fixture.AwaitJobDoneAsync("progress-api");
        task = await Http.GetFromJsonAsync<JsonElement>("api/v1/tasks/progress-api-1");
        Assert.Equal("Succeeded", task.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, task.GetProperty("progress").ValueKind);
        var result = await Http.GetFromJsonAsync<JsonElement>("api/v1/tasks/progress-api-1/result");
        Assert.Contains("::progress 0.5\n", result.GetProperty("output").GetProperty("stdout").GetString());
    }
}
