using System.Text.Json;
using AkkaCompute.Cli.Commands;

namespace AkkaCompute.Cli.Tests;

/// <summary>A store holding one finished job of 60 succeeded tasks and one failed one, shared by the history tests.</summary>
public sealed class SixtyOneTasksStore : IAsyncLifetime
{
    public CliHarness Harness { get; } = new();

    public async Task InitializeAsync()
    {
        var job = Harness.Write("job.conf", """
            job { name = "many" }
            tasks = [ { id = "broken", function = "fail", args { message = "nope" } } ]
            generators = [ { id-prefix = "n", range { from = 1, to = 60 }, task { function = "noop" } } ]
            """);
        var (code, _, err) = await Harness.RunAsync("run", job, "--data-dir", Harness.DataDir, "--json");
        Assert.True(code == 1, err);
    }

    public Task DisposeAsync()
    {
        Harness.Dispose();
        return Task.CompletedTask;
    }
}

public class HistoryCommandTests(SixtyOneTasksStore store) : IClassFixture<SixtyOneTasksStore>
{
    private CliHarness H => store.Harness;

    [Fact]
    public async Task The_list_as_json_is_one_array_and_stderr_says_how_many_more_matched()
    {
        var (code, stdout, err) = await H.RunAsync("history", "--data-dir", H.DataDir, "--json");
        Assert.Equal(0, code);
        var list = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        Assert.Equal(50, list.GetArrayLength());
        Assert.Equal("broken", list[0].GetProperty("id").GetString());
        Assert.Equal("Failed", list[0].GetProperty("state").GetString());
        Assert.Equal("50 of 61 shown (--limit N for more)", err.Trim());
    }

    [Fact]
    public async Task The_table_says_how_many_more_matched_and_nothing_when_all_are_shown()
    {
        var (_, _, err) = await H.RunAsync("history", "--data-dir", H.DataDir, "--limit", "10");
        Assert.Equal("10 of 61 shown (--limit N for more)", err.Trim());
        (_, _, err) = await H.RunAsync("history", "--data-dir", H.DataDir, "--limit", "61");
        Assert.Equal(string.Empty, err);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("100001")]
    public async Task A_limit_out_of_range_is_refused_in_one_line(string limit)
    {
        var (code, stdout, err) = await H.RunAsync("history", "--data-dir", H.DataDir, "--limit", limit);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"akc history: --limit must be 1 to 100000, got {limit}", err.Trim());
    }

    [Theory]
    [InlineData("n-1", "--stats")]
    [InlineData("--stats", "--state", "Failed")]
    [InlineData("--stats", "--since", "1h")]
    [InlineData("n-1", "--state", "Failed")]
    public async Task Arguments_that_would_be_ignored_are_refused_in_one_line(params string[] args)
    {
        var (code, stdout, err) = await H.RunAsync(["history", "--data-dir", H.DataDir, .. args]);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("akc history: ", err);
        Assert.Contains("cannot be combined with", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task An_unknown_state_lists_the_valid_states_not_a_type_name()
    {
        var (code, stdout, err) = await H.RunAsync("history", "--data-dir", H.DataDir, "--state", "Bogus");
        Assert.Equal(2, code);
        Assert.DoesNotContain("AkkaCompute.", err + stdout);
        Assert.Contains("--state 'Bogus' is not a task state; use one of: ", err);
        Assert.Contains("Succeeded", err);
        Assert.Contains("TimedOut", err);
    }

    [Fact]
    public async Task A_since_that_is_not_a_time_names_the_accepted_forms()
    {
        var (code, _, err) = await H.RunAsync("history", "--data-dir", H.DataDir, "--since", "yesterday");
        Assert.Equal(2, code);
        Assert.StartsWith("akc history: --since 'yesterday' is not a time: use an ISO 8601 date or time", err);
        Assert.Contains("a duration ago (90s, 30m, 6h, 2d, 1w)", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Since_takes_durations_and_iso_dates()
    {
        var (code, stdout, _) = await H.RunAsync("history", "--data-dir", H.DataDir, "--since", "1h", "--limit", "100", "--json");
        Assert.Equal(0, code);
        Assert.Equal(61, JsonDocument.Parse(stdout).RootElement.GetArrayLength());
        (code, stdout, _) = await H.RunAsync("history", "--data-dir", H.DataDir, "--since", "2999-01-01", "--json");
        Assert.Equal(0, code);
        Assert.Equal(0, JsonDocument.Parse(stdout).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task One_task_as_json_has_camel_case_names_and_enum_names_throughout()
    {
        var (code, stdout, _) = await H.RunAsync("history", "broken", "--data-dir", H.DataDir, "--json");
        Assert.Equal(0, code);
        var task = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("Failed", task.GetProperty("state").GetString());
        var accepted = task.GetProperty("events")[0].GetProperty("detail");
        Assert.Equal("Function", accepted.GetProperty("spec").GetProperty("kind").GetString());
        var finished = task.GetProperty("events").EnumerateArray().Last().GetProperty("detail");
        Assert.Equal("Failed", finished.GetProperty("result").GetProperty("state").GetString());
        Assert.DoesNotContain("\"Kind\"", stdout);
        Assert.DoesNotContain("\"State\"", stdout);
    }

    [Fact]
    public async Task Status_json_has_every_state_with_zero_counts_and_an_explicit_unfinished_count()
    {
        var (code, stdout, _) = await H.RunAsync("status", "--data-dir", H.DataDir, "--json");
        Assert.Equal(0, code);
        var status = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(0, status.GetProperty("byState").GetProperty("Cancelled").GetInt32());
        Assert.Equal(60, status.GetProperty("byState").GetProperty("Succeeded").GetInt32());
        Assert.Equal(0, status.GetProperty("unfinishedCount").GetInt32());
        Assert.Equal(0, status.GetProperty("unfinished").GetArrayLength());
        var (_, stats, _) = await H.RunAsync("history", "--stats", "--data-dir", H.DataDir, "--json");
        Assert.Equal(
            JsonDocument.Parse(stats).RootElement.GetProperty("byState").EnumerateObject().Select(p => p.Name),
            status.GetProperty("byState").EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(3676.0 / 3677, "99.97 %")]
    [InlineData(0.99999, "99.99 %")]
    [InlineData(1.0, "100.00 %")]
    [InlineData(0.29, "29.00 %")]
    [InlineData(0.0, "0.00 %")]
    public void The_success_rate_is_rounded_down_so_it_is_100_only_when_all_succeeded(double rate, string shown)
    {
        Assert.Equal(shown, HistoryViews.Percent(rate));
    }

    [Fact]
    public async Task Stats_show_the_rounded_down_rate()
    {
        var (_, stdout, _) = await H.RunAsync("history", "--stats", "--data-dir", H.DataDir);
        Assert.Contains("tasks 61, success rate 98.36 %", stdout);
    }
}

public class TimeArgumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("90s", "2026-11-22T11:58:30+00:00")]
    [InlineData("30m", "2026-11-22T11:30:00+00:00")]
    [InlineData("6h", "2026-11-22T06:00:00+00:00")]
    [InlineData("2d", "2026-11-20T12:00:00+00:00")]
    [InlineData("1w", "2026-11-15T12:00:00+00:00")]
    [InlineData("2026-11-01", "2026-11-01T00:00:00+00:00")]
    [InlineData("2026-11-01T08:30:00Z", "2026-11-01T08:30:00+00:00")]
    [InlineData("2026-11-01T08:30:00+01:00", "2026-11-01T08:30:00+01:00")]
    public void Accepts_iso_times_and_durations_ago(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimeArgument.Parse(text, Now));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("11/01/2026")]
    [InlineData("1 Nov 2026")]
    [InlineData("5x")]
    [InlineData("h")]
    [InlineData("-2d")]
    [InlineData("99999999999999999d")]
    public void Refuses_anything_else(string text)
    {
        Assert.Null(TimeArgument.Parse(text, Now));
    }
}
