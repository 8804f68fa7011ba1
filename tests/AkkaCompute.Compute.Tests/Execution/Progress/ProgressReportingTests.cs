using System.Text.Json;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Execution.Progress;

public class ProgressReportingTests
{
    public static int Steps(int count, IProgress<double> progress)
    {
        for (var i = 1; i <= count; i++)
        {
            progress.Report((double)i / count);
        }

        return count;
    }

    public static int ContextSteps(FunctionContext context)
    {
        context.Report(0.5);
        context.Report(1);
        return 2;
    }

    [Fact]
    public async Task A_function_with_an_IProgress_parameter_reports_through_the_runner()
    {
        var registry = new FunctionRegistry();
        registry.Register(typeof(ProgressReportingTests).GetMethod(nameof(Steps))!, "test.steps");
        registry.Register(typeof(ProgressReportingTests).GetMethod(nameof(ContextSteps))!, "test.context-steps");
        Assert.Equal(["count"], registry.Get("test.steps").Parameters.Where(p => p.Source == ParameterSource.Argument).Select(p => p.Name));
        Assert.Equal(ParameterSource.Progress, registry.Get("test.steps").Parameters[1].Source);
        var runner = new DefaultTaskRunner(registry, new ShellOptions(new CommandPolicy()), TimeProvider.System);
        var seen = new Recorder();

        var result = await runner.RunAsync(new TaskSpec { Id = "s", Function = "test.steps", Args = JsonDocument.Parse("""{"count":4}""").RootElement }, 1, seen, CancellationToken.None);
        Assert.Equal(4, result.GetInt32());
        Assert.Equal([0.25, 0.5, 0.75, 1.0], seen.Values);

        seen.Values.Clear();
        await runner.RunAsync(new TaskSpec { Id = "c", Function = "test.context-steps", Args = JsonDocument.Parse("{}").RootElement }, 1, seen, CancellationToken.None);
        Assert.Equal([0.5, 1.0], seen.Values);

        // Without a receiver nothing breaks.
        Assert.Equal(3, (await runner.RunAsync(new TaskSpec { Id = "n", Function = "test.steps", Args = JsonDocument.Parse("[3]").RootElement }, 1, CancellationToken.None)).GetInt32());
    }

    [Fact]
    public async Task A_shell_task_reports_its_progress_lines_which_stay_in_its_stdout()
    {
        var runner = new DefaultTaskRunner(new FunctionRegistry(), new ShellOptions(new CommandPolicy()), TimeProvider.System);
        var seen = new Recorder();
        var task = new TaskSpec { Id = "sh", Kind = TaskKind.Shell, Command = "echo start; echo '::progress 0.25'; echo '::progress 50%'; echo ' not ::progress 0.7'; printf '::progress 1'" };

        var result = await runner.RunAsync(task, 1, seen, CancellationToken.None);

        Assert.Equal([0.25, 0.5, 1.0], seen.Values);
        Assert.Equal("start\n::progress 0.25\n::progress 50%\n not ::progress 0.7\n::progress 1", result.GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task Progress_on_stderr_is_not_read()
    {
        var seen = new Recorder();
        var result = await ShellRunner.RunAsync(new ShellCommandSpec("echo '::progress 0.5' >&2") { Progress = seen }, CancellationToken.None);
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(seen.Values);
    }

    private sealed class Recorder : IProgress<double>
    {
        public List<double> Values { get; } = [];

        private readonly Lock _lock = new();

        public void Report(double value)
        {
            lock (_lock)
            {
                Values.Add(value);
            }
        }
    }
}
