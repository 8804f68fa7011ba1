namespace AkkaCompute.Cli.Tests;

/// <summary><c>akc run</c> with resource limits: a task over a limit ends Failed naming it; a task the node's limits refuse stops the job before it runs.</summary>
public sealed class ResourceLimitsTests
{
    [Fact]
    public async Task Tasks_over_their_cpu_output_or_memory_limit_fail_naming_the_limit()
    {
        using var h = new CliHarness();
        var job = h.Write("limits.conf", """
            job { name = "limits" }
            defaults { timeout = 2m }
            tasks = [
              { id = "burn", shell = "while :; do :; done", limits { cpu = 1s } }
              { id = "loud", shell = "yes", limits { output = 1KiB } }
              { id = "hungry", shell = "head -c 600M /dev/zero | tail", limits { memory = 100MiB } }
              { id = "fine", shell = "echo hi", limits { cpu = 5s, memory = 100MiB, processes = 8, output = 1KiB } }
            ]
            """);
        var (code, stdout, stderr) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json", "--no-progress");
        Assert.True(code == 1, $"exit {code}: {stdout}{stderr}");
        var results = CliHarness.ReadJsonLines(Path.Combine(h.DataDir, "limits.results.jsonl")).ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal("Failed", results["burn"].GetProperty("state").GetString());
        Assert.Contains("cpu limit 1 s exceeded", results["burn"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("Failed", results["loud"].GetProperty("state").GetString());
        Assert.Contains("output limit 1 KiB exceeded", results["loud"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("Failed", results["hungry"].GetProperty("state").GetString());
        Assert.Contains("memory limit 100 MiB exceeded", results["hungry"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("Succeeded", results["fine"].GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_task_above_the_node_maximum_or_outside_the_confinement_root_stops_the_job_with_positions()
    {
        using var h = new CliHarness();
        var jobs = Directory.CreateDirectory(Path.Combine(h.Root, "jobs")).FullName;
        var config = h.Write("node.conf", $$"""
            akc.executor.limits.max { cpu = 5s }
            akc.executor.shell.confine-root = "{{jobs}}"
            """);
        var job = h.Write("jobs/job.conf", """
            tasks = [
              { id = "ok", shell = "true", limits { cpu = 5s } }
              { id = "big", shell = "true", limits { cpu = 60s } }
              { id = "out", shell = "true", cwd = "/" }
            ]
            """);
        var (code, stdout, stderr) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "--config", config, "--no-progress");
        Assert.True(code == 2, $"exit {code}: {stdout}{stderr}");
        Assert.Contains($"{job}:3:10: task 'big': limits.cpu = 60 s is above this node's maximum of 5 s (akc.executor.limits.max.cpu)", stderr, StringComparison.Ordinal);
        Assert.Contains($"{job}:4:10: task 'out': working directory '/' is outside the confinement root '{jobs}' (akc.executor.shell.confine-root)", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("task 'ok'", stderr, StringComparison.Ordinal);
    }
}
