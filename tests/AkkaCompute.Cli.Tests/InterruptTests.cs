namespace AkkaCompute.Cli.Tests;

public class InterruptTests
{
    [Fact]
    public async Task Interrupted_run_says_what_resumes_writes_the_results_so_far_and_exits_130()
    {
        using var h = new CliHarness();
        var job = h.Write("job.conf", """
            job { name = "stopped", workers = 2 }
            tasks = [
              { id = "quick", function = "noop" }
              { id = "slow-1", function = "sleep", args { ms = 30000 } }
              { id = "slow-2", function = "sleep", args { ms = 30000 } }
            ]
            """);
        using var interrupt = new CancellationTokenSource();
        var run = h.RunAsync(interrupt.Token, "run", job, "--data-dir", h.DataDir, "--no-progress");
        await h.AwaitSucceededAsync(1, TimeSpan.FromSeconds(30), () => run.IsCompleted);

        interrupt.Cancel();
        var (code, stdout, err) = await run;
        Assert.Equal(AkcApp.ExitInterrupted, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains($"akc run: interrupted: 2 unfinished tasks resume on the next run (akc run {job} with the same --data-dir)", err);
        var results = CliHarness.ReadJsonLines(Path.Combine(h.DataDir, "stopped.results.jsonl")).ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("state").GetString());
        Assert.Equal("Succeeded", results["quick"]);
        Assert.NotEqual("Succeeded", results["slow-1"]);
        Assert.NotEqual("Succeeded", results["slow-2"]);
        var (_, status, _) = await h.RunAsync("status", "--data-dir", h.DataDir);
        Assert.Contains(
            "2 unfinished: Accepted, Scheduled, Running and Retrying are their last recorded states; unless an akc run is using this store now, it was interrupted, and they resume on the next akc run",
            System.Text.RegularExpressions.Regex.Replace(status, @"\s+", " ")); // the console wraps long lines
    }
}
