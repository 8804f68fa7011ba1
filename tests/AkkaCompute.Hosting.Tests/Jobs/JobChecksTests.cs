using AkkaCompute.Hosting.Jobs;

namespace AkkaCompute.Hosting.Tests.Jobs;

public sealed class JobChecksTests : IDisposable
{
    private readonly JobFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void Unknown_functions_are_errors_at_their_value_listing_the_known_ones()
    {
        var checks = new JobChecks { KnownFunctions = new HashSet<string> { "noop", "echo" } };
        var e = Assert.Throws<JobFileException>(() => JobFileParser.Parse("""
            tasks = [
              { id = "fine", function = "echo" }
              { id = "x", function = "nosuch" }
            ]
            generators = [ { id-prefix = "n", range { from = 1, to = 3 }, task { function = "nope" } } ]
            """, "job.conf", _fx.Root, JobFixture.Env(), checks));
        Assert.Equal("job.conf:3:26: task 'x': unknown function 'nosuch' (known: echo, noop)", e.Errors[0].ToString());
        Assert.Equal(2, e.Errors.Count); // the generator's template is reported once
        Assert.Contains("task 'n-1': unknown function 'nope'", e.Errors[1].Reason);
    }

    [Fact]
    public void The_task_check_reports_at_the_task_id()
    {
        var checks = new JobChecks { Task = t => t.Id == "b" ? "taken" : null };
        var e = Assert.Throws<JobFileException>(() => JobFileParser.Parse("""
            tasks = [
              { id = "a", function = "noop" }
              { id = "b", function = "noop" }
            ]
            """, "job.conf", _fx.Root, JobFixture.Env(), checks));
        Assert.Equal("job.conf:3:10: task 'b': taken", Assert.Single(e.Errors).ToString());
    }
}
