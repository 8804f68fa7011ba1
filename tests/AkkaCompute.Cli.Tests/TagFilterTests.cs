using System.Text.Json;

namespace AkkaCompute.Cli.Tests;

/// <summary>A store holding a job whose tasks carry tags (from the task and the job's defaults), one of them delayed.</summary>
public sealed class TaggedStore : IAsyncLifetime
{
    public CliHarness Harness { get; } = new();

    public async Task InitializeAsync()
    {
        var job = Harness.Write("job.conf", """
            job { name = "tagged" }
            defaults { tags = ["nightly"] }
            tasks = [
              { id = "g1", function = "noop", tags = ["gpu"] }
              { id = "g2", function = "noop", tags = ["gpu", "big"] }
              { id = "c1", function = "noop" }
              { id = "late", function = "noop", tags = ["big"], delay = 1s, cache = false }
            ]
            """);
        var (code, _, err) = await Harness.RunAsync("run", job, "--data-dir", Harness.DataDir, "--json");
        Assert.True(code == 0, err);
    }

    public Task DisposeAsync()
    {
        Harness.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary><c>akc history --tag</c> and <c>akc status --tag</c>: repeatable, every tag must match; delayed tasks in the history.</summary>
public class TagFilterTests(TaggedStore store) : IClassFixture<TaggedStore>
{
    private CliHarness H => store.Harness;

    private async Task<string[]> HistoryIds(params string[] args)
    {
        var (code, stdout, err) = await H.RunAsync(["history", "--data-dir", H.DataDir, "--json", .. args]);
        Assert.True(code == 0, err);
        return JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public async Task History_lists_only_tasks_carrying_every_tag_given()
    {
        Assert.Equal(["g1", "g2"], await HistoryIds("--tag", "gpu"));
        Assert.Equal(["g2"], await HistoryIds("--tag", "gpu", "--tag", "big"));
        Assert.Equal(["g2", "late"], await HistoryIds("--tag", "big"));
        Assert.Equal(["c1", "g1", "g2", "late"], await HistoryIds("--tag", "nightly")); // from the job's defaults
        Assert.Empty(await HistoryIds("--tag", "nosuch"));
    }

    [Fact]
    public async Task Status_counts_only_the_tagged_tasks()
    {
        var (code, stdout, err) = await H.RunAsync("status", "--data-dir", H.DataDir, "--json", "--tag", "gpu");
        Assert.True(code == 0, err);
        var status = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(2, status.GetProperty("total").GetInt32());
        Assert.Equal(2, status.GetProperty("byState").GetProperty("Succeeded").GetInt32());
        Assert.Equal(0, status.GetProperty("byState").GetProperty("Scheduled").GetInt32());
        (_, stdout, _) = await H.RunAsync("status", "--data-dir", H.DataDir, "--json");
        Assert.Equal(4, JsonDocument.Parse(stdout).RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_empty_tag_is_refused_in_one_line()
    {
        var (code, stdout, err) = await H.RunAsync("history", "--data-dir", H.DataDir, "--tag", "");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("akc history: --tag must not be empty", err.Trim());
        (code, _, err) = await H.RunAsync("status", "--data-dir", H.DataDir, "--tag", " ");
        Assert.Equal(2, code);
        Assert.Equal("akc status: --tag must not be empty", err.Trim());
    }

    [Fact]
    public async Task A_delayed_task_started_no_earlier_than_its_due_time()
    {
        var (code, stdout, err) = await H.RunAsync("history", "late", "--data-dir", H.DataDir, "--json");
        Assert.True(code == 0, err);
        var task = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("Succeeded", task.GetProperty("state").GetString());
        Assert.Equal(["big", "nightly"], task.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order());
        var due = task.GetProperty("notBefore").GetDateTimeOffset();
        var started = task.GetProperty("events").EnumerateArray().First(e => e.GetProperty("type").GetString() == "TaskStarted").GetProperty("at").GetDateTimeOffset();
        Assert.True(started >= due, $"started {started:O} before its due time {due:O}");
    }

    [Fact]
    public async Task Akc_run_refuses_a_recurring_task_where_it_is_written()
    {
        var job = H.Write("cron.conf", """
            tasks = [
              { id = "nightly", shell = "true", cron = "0 3 * * *" }
            ]
            """);
        var (code, _, err) = await H.RunAsync("run", job, "--data-dir", H.DataDir + "-cron");
        Assert.Equal(2, code);
        Assert.Contains("cron.conf:2:", err);
        Assert.Contains("task 'nightly': a recurring task (cron) never finishes", err);
    }
}
