using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AkkaCompute.Cli.Tests.Cluster;
using Microsoft.Playwright;

namespace AkkaCompute.Cli.Tests.Api;

/// <summary>
/// A running shell task's <c>::progress</c> line shows in the REST API of a real <c>akc node</c>: <c>progress</c> on
/// <c>GET /api/v1/tasks/{id}</c>, on the running tasks of <c>/api/v1/tasks?state=Running</c> and <c>/api/v1/stats</c>; it is
/// gone once the task finished; the dashboard (in Debian's chromium, driven by Microsoft.Playwright) draws a bar on it. The
/// tasks wait for a file the test creates.
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

    [Fact]
    public async Task The_dashboard_draws_a_progress_bar_on_a_running_task()
    {
        const string chromium = "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"{chromium} is missing: install Debian's chromium (.ci/packages does)");
        var timeout = (float)ApiNodeFixture.Deadline.TotalMilliseconds;
        var go = Path.Combine(fixture.WorkDir, "progress-ui-go");
        var command = $"echo '::progress 0.25'; while [ ! -e '{go}' ]; do sleep 0.05; done";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync(fixture.Node.Management.ToString());
            await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("live", new() { Timeout = timeout });
            using (var response = await Http.PostAsync("api/v1/jobs?job=progress-ui", JsonContent.Create(new[] { new { id = "progress-ui-1", shell = command } })))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
            }

            var row = page.Locator("#running tbody tr", new() { HasText = "progress-ui-1" });
            await Assertions.Expect(row.Locator(".task-progress")).ToBeVisibleAsync(new() { Timeout = timeout });
            await Assertions.Expect(row).ToContainTextAsync("25%", new() { Timeout = timeout });
        }
        finally
        {
            await File.WriteAllTextAsync(go, "go");
        }

        await fixture.AwaitJobDoneAsync("progress-ui");
        await Assertions.Expect(page.Locator("#running tbody tr", new() { HasText = "progress-ui-1" })).ToHaveCountAsync(0, new() { Timeout = timeout });
    }
}
