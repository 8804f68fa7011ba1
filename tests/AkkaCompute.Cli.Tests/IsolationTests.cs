using System.Diagnostics;

namespace AkkaCompute.Cli.Tests;

/// <summary><c>isolation = process</c>: a function task runs in a child <c>akc worker</c> process that is killed at its deadline.</summary>
public sealed class IsolationTests
{
    /// <summary>Pids of running <c>akc worker</c> processes (their command line names akc.dll and worker).</summary>
    private static HashSet<int> Workers()
    {
        var pids = new HashSet<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (args.Any(a => a.EndsWith("akc.dll", StringComparison.Ordinal)) && args.Contains("worker"))
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
                // gone meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                // not ours
            }
        }

        return pids;
    }

    [Fact]
    public async Task A_function_in_a_worker_process_is_killed_at_its_timeout_and_the_others_run_there_too()
    {
        using var h = new CliHarness();
        var job = h.Write("iso.conf", """
            tasks = [
              { id = "hang", function = "sleep", args = { ms = 600000 }, timeout = 1s, isolation = process }
              { id = "ok", function = "echo", args = { value = 42 }, isolation = process }
            ]
            """);
        var before = Workers();
        var run = Task.Run(() => h.RunAsync("run", job, "--data-dir", Path.Combine(h.Root, "data"), "--no-progress"));

        // The hanging task runs in a worker process (in the worker the function gets no cancellation: only a kill ends it).
        var deadline = Stopwatch.StartNew();
        HashSet<int> seen;
        while ((seen = Workers().Except(before).ToHashSet()).Count == 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60) && !run.IsCompleted, "no akc worker process appeared");
            await Task.Delay(20);
        }

        var (code, output, error) = await run.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(code == 1, $"exit {code}: {output}{error}"); // one task timed out
        var results = CliHarness.ReadJsonLines(Path.Combine(h.Root, "data", "iso.results.jsonl")).ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal("TimedOut", results["hang"].GetProperty("state").GetString());
        Assert.Equal("Succeeded", results["ok"].GetProperty("state").GetString());
        Assert.Equal(42, results["ok"].GetProperty("output").GetInt32());
        Assert.Empty(Workers().Intersect(seen)); // killed, not left sleeping for ten minutes
    }

    [Fact]
    public async Task Isolation_is_refused_on_shell_tasks_and_for_unknown_values()
    {
        using var h = new CliHarness();
        var job = h.Write("bad.conf", """
            tasks = [
              { id = "a", shell = "true", isolation = process }
              { id = "b", function = "echo", isolation = vm }
            ]
            """);
        var (code, _, error) = await h.RunAsync("run", job, "--data-dir", Path.Combine(h.Root, "data"));
        Assert.Equal(2, code);
        Assert.Contains("isolation applies to function tasks", error);
        Assert.Contains("isolation must be thread or process, not 'vm'", error);
    }
}
