using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AkkaCompute.Cli.Tests.Cluster;

namespace AkkaCompute.Cli.Tests.Api;

/// <summary>
/// Delayed, recurring and tagged tasks through the REST API of a real <c>akc node</c> process: a run-at task is Scheduled, then
/// runs; a recurring task fires occurrences with distinct ids and DELETE of its id stops the chain; <c>?tag=</c> filters.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class ScheduleApiTests(ApiNodeFixture fixture) : IClassFixture<ApiNodeFixture>
{
    private HttpClient Http => fixture.Http;

    private static StringContent Hocon(string body) => new(body, Encoding.UTF8, "application/hocon");

    private async Task<JsonElement> TaskAsync(string id) => await Http.GetFromJsonAsync<JsonElement>($"api/v1/tasks/{Uri.EscapeDataString(id)}");

    private async Task<string[]> TaggedAsync(string query) =>
        (await Http.GetFromJsonAsync<JsonElement>($"api/v1/tasks?limit=10000&{query}")).GetProperty("tasks").EnumerateArray()
            .Select(t => t.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task A_run_at_task_is_Scheduled_until_its_time_then_runs()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(4).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var due = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
        using var response = await Http.PostAsync("api/v1/jobs", Hocon($$"""
            job { name = "sched-at" }
            tasks = [ { id = "sched-at-1", shell = "date +%s", run-at = "{{at}}" } ]
            """));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var scheduled = (await Http.GetFromJsonAsync<JsonElement>("api/v1/tasks?state=Scheduled")).GetProperty("tasks").EnumerateArray().ToList();

        // Listed as Scheduled if the list was read before its time: on a loaded machine the submission and the list can take longer
        // than the 3 to 4 s left, and then it may rightly have run already. Its due time is checked either way.
        if (DateTimeOffset.UtcNow < due)
        {
            var listed = Assert.Single(scheduled, t => t.GetProperty("id").GetString() == "sched-at-1");
            Assert.Equal(due, listed.GetProperty("notBefore").GetDateTimeOffset());
        }

        Assert.Equal(due, (await TaskAsync("sched-at-1")).GetProperty("definition").GetProperty("notBefore").GetDateTimeOffset());
        await ApiNodeFixture.AwaitAsync(async () => (await TaskAsync("sched-at-1")).GetProperty("state").GetString() == "Succeeded", "the task ran");
        var result = await Http.GetFromJsonAsync<JsonElement>("api/v1/tasks/sched-at-1/result");
        var ranAt = long.Parse(result.GetProperty("output").GetProperty("stdout").GetString()!.Trim(), CultureInfo.InvariantCulture);
        Assert.True(ranAt >= due.ToUnixTimeSeconds(), $"ran at {ranAt}, due {at}");
    }

    [Fact]
    public async Task A_recurring_task_fires_occurrences_with_distinct_ids_until_its_chain_is_cancelled()
    {
        using var response = await Http.PostAsync("api/v1/jobs", Hocon("""
            job { name = "sched-cron" }
            tasks = [ { id = "sched-tick", shell = "true", cron = "*/2 * * * * *", time-zone = "Europe/Berlin", tags = ["ticks"] } ]
            """));
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, accepted.ToString());

        string[] succeeded = [];
        await ApiNodeFixture.AwaitAsync(async () =>
        {
            var list = (await Http.GetFromJsonAsync<JsonElement>("api/v1/tasks?tag=ticks&state=Succeeded&limit=10000")).GetProperty("tasks");
            succeeded = list.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToArray();
            return succeeded.Length >= 2;
        }, "two occurrences succeeded");
        Assert.All(succeeded, id => Assert.StartsWith("sched-tick@", id));
        Assert.Equal(succeeded.Length, succeeded.Distinct().Count());

        using var cancel = await Http.DeleteAsync("api/v1/tasks/sched-tick");
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        // Stopped: the last occurrence is Cancelled and nothing of the chain stays unfinished.
        await ApiNodeFixture.AwaitAsync(async () =>
        {
            var all = (await Http.GetFromJsonAsync<JsonElement>("api/v1/tasks?tag=ticks&limit=10000")).GetProperty("tasks").EnumerateArray().ToList();
            return all.Any(t => t.GetProperty("state").GetString() == "Cancelled")
                && all.All(t => t.GetProperty("state").GetString() is "Succeeded" or "Cancelled");
        }, "the chain stopped");
        var count = (await TaggedAsync("tag=ticks")).Length;
        using var again = await Http.DeleteAsync("api/v1/tasks/sched-tick");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode); // no unfinished occurrence left: an unknown task id
        Assert.Equal(count, (await TaggedAsync("tag=ticks")).Length);
    }

    [Fact]
    public async Task Tasks_are_filtered_by_every_tag_given_and_a_bad_tag_gets_400_naming_the_field()
    {
        using var response = await Http.PostAsync("api/v1/jobs", Hocon("""
            job { name = "sched-tags" }
            tasks = [
              { id = "sched-tag-a", function = "echo", args { value = 1 }, tags = ["api-gpu"] }
              { id = "sched-tag-b", function = "echo", args { value = 2 }, tags = ["api-gpu", "api-big"] }
              { id = "sched-tag-c", function = "echo", args { value = 3 } }
            ]
            """));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await fixture.AwaitJobDoneAsync("sched-tags");

        Assert.Equal(["sched-tag-a", "sched-tag-b"], await TaggedAsync("tag=api-gpu"));
        Assert.Equal(["sched-tag-b"], await TaggedAsync("tag=api-gpu&tag=api-big"));
        Assert.Equal(["sched-tag-b"], await TaggedAsync("job=sched-tags&tag=api-big"));
        var tagged = (await Http.GetFromJsonAsync<JsonElement>("api/v1/tasks?tag=api-big")).GetProperty("tasks")[0];
        Assert.Equal(["api-gpu", "api-big"], tagged.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        using var bad = await Http.GetAsync("api/v1/tasks?tag=");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("tag", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }
}
