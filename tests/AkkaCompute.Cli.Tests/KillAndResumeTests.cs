using System.Diagnostics;
using AkkaCompute.Cli.Commands;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Cli.Tests;

public class KillAndResumeTests
{
    [Fact]
    public async Task Killed_with_SIGKILL_halfway_the_next_run_resumes_without_rerunning_succeeded_tasks()
    {
        using var h = new CliHarness();
        // "held" waits for a gate that opens only before the second run, so the first run cannot end before the test has seen
        // 20 tasks succeed and killed it, however slowly the test reads the store on a loaded machine.
        var gate = Path.Combine(h.Root, "gate");
        var job = h.Write("job.conf", $$"""
            job { name = "resume", workers = 2 }
            tasks = [ { id = "held", shell = "while [ ! -e '{{gate}}' ]; do sleep 0.05; done" } ]
            generators = [ { id-prefix = "n", range { from = 1, to = 120 }, task { function = "sleep", args { ms = 50 } } } ]
            """);
        var akc = Path.Combine(AppContext.BaseDirectory, "akc.dll");
        var psi = new ProcessStartInfo("dotnet", ["exec", akc, "run", job, "--data-dir", h.DataDir, "--no-progress"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var first = Process.Start(psi)!)
        {
            first.OutputDataReceived += (_, _) => { };
            first.ErrorDataReceived += (_, _) => { };
            first.BeginOutputReadLine();
            first.BeginErrorReadLine();
            await h.AwaitSucceededAsync(20, TimeSpan.FromSeconds(60), () => first.HasExited);

            first.Kill(entireProcessTree: true); // SIGKILL: no shutdown hooks run
            await first.WaitForExitAsync();
        }

        var before = await AkkaCompute.Hosting.Storage.HistoryReader.LoadAsync(NodeSettingsLoader.Load(null, _ => null, CommonOptions.Overrides(null, h.DataDir, null)).Storage.DatabasePath, CancellationToken.None);
        var succeededBefore = before.Query(new HistoryQuery(State: TaskState.Succeeded, Limit: 1000)).Select(t => t.Spec.Id).ToHashSet();
        Assert.InRange(succeededBefore.Count, 20, 120);
        Assert.DoesNotContain("held", succeededBefore);
        Assert.Equal(121, before.Count);

        File.WriteAllText(gate, string.Empty);
        var (code, _, err) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "--no-progress");
        Assert.True(code == 0, err);

        var after = await AkkaCompute.Hosting.Storage.HistoryReader.LoadAsync(NodeSettingsLoader.Load(null, _ => null, CommonOptions.Overrides(null, h.DataDir, null)).Storage.DatabasePath, CancellationToken.None);
        Assert.Equal(121, after.Stats().ByState[TaskState.Succeeded]);
        foreach (var id in succeededBefore)
        {
            var task = after.Get(id)!;
            Assert.Single(task.Events.OfType<TaskStarted>());
            Assert.Single(task.Events.OfType<TaskFinished>());
        }

        var results = CliHarness.ReadJsonLines(Path.Combine(h.DataDir, "resume.results.jsonl"));
        Assert.Equal(121, results.Count);
        Assert.All(results, r => Assert.Equal("Succeeded", r.GetProperty("state").GetString()));
    }
}
