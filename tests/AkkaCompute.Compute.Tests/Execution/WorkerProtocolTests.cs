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
        return JsonSerializer.Deserialize<WorkerResponse>(output.ToString(), ProcessIsolatedRunner.Json)!;
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
