using Spectre.Console;

namespace AkkaCompute.Cli.Running;

/// <summary>Shows a job's progress while <c>work</c> runs; <c>work</c> calls the callback with each new snapshot.</summary>
internal interface IProgressView
{
    Task RunAsync(Func<Action<ProgressSnapshot>, Task> work);
}

/// <summary>A live Spectre.Console progress bar (for a terminal).</summary>
internal sealed class BarProgressView(IAnsiConsole console, string jobName) : IProgressView
{
    public Task RunAsync(Func<Action<ProgressSnapshot>, Task> work) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var bar = ctx.AddTask(Markup.Escape(jobName), maxValue: 1);
                await work(s =>
                {
                    bar.MaxValue = Math.Max(1, s.Total);
                    bar.Value = s.Finished;
                    var running = s.RunningProgressText is { Length: > 0 } p ? $" [{p}]" : string.Empty;
                    bar.Description = Markup.Escape($"{jobName} {s.Finished}/{s.Total} ok:{s.Succeeded} fail:{s.Failed} retry:{s.Retrying} run:{s.Running}{running} {s.RatePerSecond:0}/s");
                });
                bar.StopTask();
            });
}

/// <summary>Plain progress lines on a writer at most every <c>interval</c> (for logs and pipes).</summary>
internal sealed class LineProgressView(TextWriter writer, TimeSpan interval) : IProgressView
{
    public async Task RunAsync(Func<Action<ProgressSnapshot>, Task> work)
    {
        var last = DateTime.UtcNow;
        ProgressSnapshot? latest = null;
        await work(s =>
        {
            latest = s;
            var now = DateTime.UtcNow;
            if (now - last >= interval)
            {
                last = now;
                writer.WriteLine("progress: " + s);
            }
        });
        if (latest is not null)
        {
            writer.WriteLine("progress: " + latest);
        }
    }
}

/// <summary>No progress output (for --json).</summary>
internal sealed class SilentProgressView : IProgressView
{
    public Task RunAsync(Func<Action<ProgressSnapshot>, Task> work) => work(_ => { });
}
