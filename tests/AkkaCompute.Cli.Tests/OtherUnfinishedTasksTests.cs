using System.Text.Json;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Cli.Tests;

/// <summary>Unfinished tasks of an earlier run that the job file no longer names are not resumed silently: akc run names them.</summary>
public sealed class OtherUnfinishedTasksTests
{
    [Fact]
    public async Task A_run_names_the_unfinished_tasks_of_an_earlier_run_that_its_job_does_not_contain()
    {
        using var h = new CliHarness();
        var settings = NodeSettingsLoader.Load(null, _ => null, AkkaCompute.Cli.Commands.CommonOptions.Overrides(null, h.DataDir, null));
        await using (var earlier = await ComputeNode.StartAsync(settings))
        {
            var events = earlier.SubscribeEvents();
            var sleep = JsonDocument.Parse("""{"ms":600000}""").RootElement.Clone();
            Assert.IsType<BatchAccepted>(await earlier.SubmitAsync([new TaskSpec { Id = "old-task", Function = "sleep", Args = sleep, Cache = false }]));
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while ((await events.ReadAsync(deadline.Token)) is not { TaskId: "old-task", State: TaskState.Running })
            {
            }
        } // the node stops with old-task still running: it stays unfinished in the history

        var job = h.Write("job.conf", """
            job { name = "new" }
            tasks = [ { id = "new-task", function = "noop" } ]
            """);
        var (code, _, err) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json");

        Assert.Equal(0, code);
        Assert.Contains("1 unfinished task(s) of an earlier run on this data directory are not in this job: old-task", err);
        Assert.Contains("resume beside the job", err);
    }
}
