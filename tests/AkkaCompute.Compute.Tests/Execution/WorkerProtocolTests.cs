using System.Text.Json;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Execution;

/// <summary>The worker's side of <c>isolation = process</c>: one JSON request in, one JSON response out.</summary>
public sealed class WorkerProtocolTests
{
    private sealed class Runner(Func<TaskSpec, JsonElement> run) : ITaskRunner
    {
        public Task<JsonElement> RunAsync(TaskSpec task, int attempt, CancellationToken cancellationToken) => Task.FromResult(run(task));
    }

    /// <summary>Reports the given fractions, then returns the task's arguments.</summary>
    private sealed class ReportingRunner(double[] reports, Action? between = null) : ITaskRunner
    {
        public Task<JsonElement> RunAsync(TaskSpec task, int attempt, CancellationToken cancellationToken) => RunAsync(task, attempt, null, cancellationToken);

        public Task<JsonElement> RunAsync(TaskSpec task, int attempt, IProgress<double>? progress, CancellationToken cancellationToken)
        {
            foreach (var fraction in reports)
            {
                progress?.Report(fraction);
                between?.Invoke();
            }

            return Task.FromResult(task.Args);
        }
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    private static async Task<WorkerResponse> Serve(string request, Func<TaskSpec, JsonElement> run, IReadOnlyList<string>? expectAssemblies = null)
    {
        var output = new StringWriter();
        await ProcessIsolatedRunner.ServeAsync(new StringReader(request), output, assemblies =>
        {
            if (expectAssemblies is not null)
            {
                Assert.Equal(expectAssemblies, assemblies);
            }

            return new Runner(run);
        });
        return JsonSerializer.Deserialize<WorkerResponse>(output.ToString().TrimEnd().Split('\n')[^1], ProcessIsolatedRunner.Json)!;
    }

    private static string Request(TaskSpec task, params string[] assemblies) =>
        JsonSerializer.Serialize(new WorkerRequest(task, 1, assemblies), ProcessIsolatedRunner.Json);

    [Fact]
    public async Task A_result_an_error_and_a_rejection_each_come_back()
    {
        var task = new TaskSpec { Id = "t", Function = "f", Args = JsonDocument.Parse("""{"x":1}""").RootElement.Clone() };
        var ok = await Serve(Request(task, "/a.dll"), t => t.Args, ["/a.dll"]);
        Assert.Equal("""{"x":1}""", ok.Output!.Value.GetRawText());

        var failed = await Serve(Request(task), _ => throw new InvalidOperationException("boom"));
        Assert.Equal("InvalidOperationException: boom", failed.Error);
        Assert.False(failed.Rejected);

        var rejected = await Serve(Request(task), _ => throw new TaskRejectedException("unknown function 'f'"));
        Assert.True(rejected.Rejected);
    }

    [Fact]
    public async Task Progress_goes_before_the_response_as_progress_lines_throttled_to_one_per_interval()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var task = new TaskSpec { Id = "t", Function = "f", Args = JsonDocument.Parse("""{"x":1}""").RootElement.Clone() };
        var output = new StringWriter();

        // 0.1, then 0.2 10 ms later (dropped), 0.5 100 ms after that, and 1.0 10 ms later (always written).
        var step = 0;
        var runner = new ReportingRunner([0.1, 0.2, 0.5, 1.0], () => clock.Advance(TimeSpan.FromMilliseconds(step++ == 1 ? 100 : 10)));
        await ProcessIsolatedRunner.ServeAsync(new StringReader(Request(task)), output, _ => runner, clock);

        var lines = output.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(["::progress 0.1", "::progress 0.5", "::progress 1"], lines[..^1]);
        Assert.Equal("""{"x":1}""", JsonSerializer.Deserialize<WorkerResponse>(lines[^1], ProcessIsolatedRunner.Json)!.Output!.Value.GetRawText());
    }

    [Fact]
    public async Task The_node_reads_a_workers_progress_lines_as_progress_and_the_rest_as_its_response()
    {
        // A stand-in worker: reads the request, prints two progress lines, then the response, as akc worker does.
        const string script = """cat > /dev/null; echo '::progress 0.25'; echo '::progress 75%'; echo '{"Output":{"ok":true},"Error":null,"Rejected":false}'""";
        var runner = new ProcessIsolatedRunner(new Runner(t => t.Args), TaskIsolation.Process, new WorkerCommand("/bin/sh", ["-c", script]), []);
        var reported = new List<double>();

        var output = await runner.RunAsync(new TaskSpec { Id = "t", Function = "f" }, 1, new SynchronousProgress(reported.Add), CancellationToken.None);

        Assert.Equal("""{"ok":true}""", output.GetRawText());
        Assert.Equal([0.25, 0.75], reported);
    }

    [Fact]
    public async Task A_request_that_is_not_json_is_answered_with_a_rejection()
    {
        var response = await Serve("not json", _ => throw new InvalidOperationException("not reached"));
        Assert.True(response.Rejected);
        Assert.Contains("not valid JSON", response.Error);
    }

    [Fact]
    public async Task Without_a_worker_command_process_isolation_is_refused_and_thread_tasks_run_inline()
    {
        var runner = new ProcessIsolatedRunner(new Runner(t => t.Args), TaskIsolation.Thread, worker: null, assemblies: []);
        var task = new TaskSpec { Id = "t", Function = "f" };
        Assert.Equal("{}", (await runner.RunAsync(task, 1, CancellationToken.None)).GetRawText());
        var e = await Assert.ThrowsAsync<TaskRejectedException>(() => runner.RunAsync(task with { Isolation = TaskIsolation.Process }, 1, CancellationToken.None));
        Assert.Contains("isolation = process needs a worker process", e.Message);
    }
}
