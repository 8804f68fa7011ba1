using AkkaCompute.Hosting.Jobs;

namespace AkkaCompute.Hosting.Tests.Jobs;

/// <summary>run-at, delay, cron and time-zone in a job file: good values read, bad ones refused at line:column.</summary>
public sealed class JobTimingTests : IDisposable
{
    private readonly JobFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private JobFileError Single(string text) => Assert.Single(_fx.Error(text).Errors);

    [Fact]
    public void Run_at_delay_cron_and_time_zone_are_read()
    {
        var job = _fx.Parse("""
            tasks = [
              { id = "at", shell = "true", run-at = "2026-12-07T04:00:00+01:00" }
              { id = "later", function = "noop", delay = 10m }
              { id = "nightly", shell = "true", cron = "0 3 * * *", time-zone = "Europe/Berlin" }
              { id = "utc", shell = "true", cron = "*/5 * * * * *" }
              { id = "now", shell = "true" }
            ]
            """);
        var t = job.Tasks.ToDictionary(x => x.Id);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero), t["at"].NotBefore);
        Assert.Equal(TimeSpan.FromMinutes(10), t["later"].Delay);
        Assert.Null(t["later"].NotBefore);
        Assert.Equal(("0 3 * * *", "Europe/Berlin"), (t["nightly"].Cron, t["nightly"].TimeZone));
        Assert.Equal(("*/5 * * * * *", null), (t["utc"].Cron, t["utc"].TimeZone));
        Assert.Equal((null, null, null), (t["now"].NotBefore, t["now"].Delay, t["now"].Cron));
    }

    [Theory]
    [InlineData("run-at = \"2026-12-07T03:00:00\"", 48, "run-at = 2026-12-07T03:00:00: must be an ISO 8601 time with an offset")]
    [InlineData("run-at = \"tomorrow\"", 48, "run-at = tomorrow: must be an ISO 8601 time with an offset")]
    [InlineData("delay = 400d", 47, "delay = 400d: must be at most")]
    [InlineData("delay = soon", 47, "delay = soon: must be a duration")]
    [InlineData("cron = \"0 25 * * *\"", 46, "cron = \"0 25 * * *\": cron '0 25 * * *' is not a cron expression")]
    [InlineData("cron = \"0 3 * * *\", time-zone = \"Mars/Olympus\"", 71, "time-zone = Mars/Olympus: is not a known IANA time zone")]
    [InlineData("time-zone = \"UTC\"", 51, "time-zone = UTC: applies to recurring tasks (set cron too)")]
    [InlineData("delay = 1m, cron = \"0 3 * * *\"", 58, "set at most one of run-at, delay and cron (found delay and cron)")]
    public void A_bad_timing_is_refused_at_its_value(string keys, int column, string reason)
    {
        var error = Single($$"""
            tasks = [ { id = "t", shell = "true", {{keys}} } ]
            """);
        Assert.Equal(("job.conf", 1), (error.File, error.Line));
        Assert.Equal(column, error.Column);
        Assert.StartsWith("task 't': ", error.Reason);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void A_recurring_task_cannot_depend_on_others_nor_have_an_at_sign_in_its_id()
    {
        var errors = _fx.Error("""
            tasks = [
              { id = "a", shell = "true" }
              { id = "b", shell = "true", cron = "0 3 * * *", depends-on = ["a"] }
              { id = "c@x", shell = "true", cron = "0 3 * * *" }
            ]
            """).Errors.OrderBy(e => e.Line).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal(3, errors[0].Line);
        Assert.Contains("a recurring task cannot depend on other tasks", errors[0].Reason);
        Assert.Equal((4, 10), (errors[1].Line, errors[1].Column));
        Assert.Contains("a recurring task's id may not contain '@'", errors[1].Reason);
    }
}
