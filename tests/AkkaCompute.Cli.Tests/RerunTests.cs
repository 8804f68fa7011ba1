using System.Text.Json;

namespace AkkaCompute.Cli.Tests;

public class RerunTests
{
    [Fact]
    public async Task A_second_run_runs_the_failed_tasks_again_and_keeps_the_succeeded_ones()
    {
        using var h = new CliHarness();
        var log = Path.Combine(h.Root, "runs.log");
        var fixedFile = Path.Combine(h.Root, "fixed");
        var job = h.Write("job.conf", $$"""
            job { name = "again" }
            defaults { max-retries = 0 }
            tasks = [
              { id = "ok", shell = "echo ok >> '{{log}}'" }
              { id = "broken", shell = "echo broken >> '{{log}}'; test -f '{{fixedFile}}'" }
              { id = "after", function = "echo", args { value = { "$ref" = "broken.exitCode" } } }
            ]
            """);
        var (code, stdout, _) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json");
        Assert.Equal(1, code);
        Assert.Equal(2, JsonDocument.Parse(stdout).RootElement.GetProperty("failed").GetInt32());

        File.WriteAllText(fixedFile, string.Empty);
        (code, stdout, var err) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json");
        Assert.True(code == 0, err + stdout);
        Assert.Equal(["broken", "broken", "ok"], File.ReadAllLines(log).Order());
        var results = CliHarness.ReadJsonLines(Path.Combine(h.DataDir, "again.results.jsonl")).ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.All(results.Values, r => Assert.Equal("Succeeded", r.GetProperty("state").GetString()));
        Assert.Equal(2, results["broken"].GetProperty("attempts").GetInt32());

        var (_, history, _) = await h.RunAsync("history", "broken", "--data-dir", h.DataDir);
        Assert.Contains("Succeeded after 2 attempt(s)", history);
        Assert.Equal(2, history.Split("accepted (").Length - 1);
        Assert.Contains("failed:", history);
        (_, history, _) = await h.RunAsync("history", "ok", "--data-dir", h.DataDir);
        Assert.Equal(1, history.Split("accepted (").Length - 1);
    }
}
