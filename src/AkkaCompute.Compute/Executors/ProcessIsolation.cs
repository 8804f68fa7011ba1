using System.Diagnostics;
using System.Text.Json;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Executors;

/// <summary>Where a function task runs: on an executor thread of the node, or in a child worker process.</summary>
public enum TaskIsolation
{
    /// <summary>On an executor thread: cheap; code that ignores cancellation is abandoned at its deadline (its thread left running).</summary>
    Thread,

    /// <summary>In a child <c>akc worker</c> process, killed at the deadline: costs a process start (about 100 ms) per attempt.</summary>
    Process,
}

/// <summary>The command that starts a worker process, e.g. <c>dotnet exec /path/akc.dll worker</c>.</summary>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record WorkerCommand(string FileName, IReadOnlyList<string> Arguments);

/// <summary>What a node sends a worker on its standard input (one JSON object).</summary>
/// <param name="Task">The function task, arguments resolved.</param>
/// <param name="Attempt">The attempt number.</param>
/// <param name="Assemblies">The node's function assemblies (<c>akc.executor.functions.assemblies</c>), loaded next to the built-ins.</param>
public sealed record WorkerRequest(TaskSpec Task, int Attempt, IReadOnlyList<string> Assemblies);

/// <summary>What a worker writes on its standard output (one JSON object): the output, or the error and whether it is a rejection (no retry).</summary>
/// <param name="Output">The function's result when it returned.</param>
/// <param name="Error">The error when it threw.</param>
/// <param name="Rejected">True for an unknown function or bad arguments (<see cref="TaskRejectedException"/>).</param>
public sealed record WorkerResponse(JsonElement? Output, string? Error, bool Rejected);

/// <summary>
/// Runs function tasks whose isolation is <see cref="TaskIsolation.Process"/> (their own, or the node's default) in a child
/// worker process that is killed, with its whole process tree, when the attempt is cancelled (timeout or cancel), so a
/// function that never observes its cancellation token still ends at its deadline and frees its executor at once. Other
/// tasks go to the inner runner. Without a <see cref="WorkerCommand"/> (a node not started by <c>akc</c>), process
/// isolation is unavailable and such tasks are rejected with a message saying so.
/// </summary>
/// <param name="inner">Runs everything else (and is what a worker runs).</param>
/// <param name="nodeDefault">The node's <c>akc.executor.isolation</c>. Default thread.</param>
/// <param name="worker">How to start a worker; null: unavailable.</param>
/// <param name="assemblies">The node's function assemblies, passed to each worker.</param>
public sealed class ProcessIsolatedRunner(ITaskRunner inner, TaskIsolation nodeDefault, WorkerCommand? worker, IReadOnlyList<string> assemblies) : ITaskRunner
{
    /// <summary>The JSON options of <see cref="WorkerRequest"/> and <see cref="WorkerResponse"/> (System.Text.Json defaults).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.General);

    /// <inheritdoc />
    /// <exception cref="TaskRejectedException">Process isolation is asked for but no worker command is configured, or the worker was rejected the task.</exception>
    /// <exception cref="OperationCanceledException">The attempt was cancelled; the worker was killed.</exception>
    /// <exception cref="InvalidOperationException">The function threw in the worker (its message), or the worker died without an answer.</exception>
    public Task<JsonElement> RunAsync(TaskSpec task, int attempt, CancellationToken cancellationToken) =>
        task.Kind == TaskKind.Function && (task.Isolation ?? nodeDefault) == TaskIsolation.Process
            ? RunInWorkerAsync(task, attempt, null, cancellationToken)
            : inner.RunAsync(task, attempt, cancellationToken);

    /// <inheritdoc />
    /// <remarks>A function in a worker process reports progress through the worker's <c>::progress</c> lines (see <see cref="ServeAsync"/>); other tasks report through the inner runner.</remarks>
    /// <exception cref="TaskRejectedException">Process isolation is asked for but no worker command is configured, or the worker was rejected the task.</exception>
    /// <exception cref="OperationCanceledException">The attempt was cancelled; the worker was killed.</exception>
    /// <exception cref="InvalidOperationException">The function threw in the worker (its message), or the worker died without an answer.</exception>
    public Task<JsonElement> RunAsync(TaskSpec task, int attempt, IProgress<double>? progress, CancellationToken cancellationToken) =>
        task.Kind == TaskKind.Function && (task.Isolation ?? nodeDefault) == TaskIsolation.Process
            ? RunInWorkerAsync(task, attempt, progress, cancellationToken)
            : inner.RunAsync(task, attempt, progress, cancellationToken);

    private async Task<JsonElement> RunInWorkerAsync(TaskSpec task, int attempt, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        if (worker is null)
        {
            throw new TaskRejectedException($"task '{task.Id}': isolation = process needs a worker process, which only a node started by akc has");
        }

        var start = new ProcessStartInfo(worker.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in worker.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A worker lives for one task: tiered compilation starts it faster (akc itself runs with it off, for long-lived nodes).
        if (Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is null)
        {
            start.Environment["DOTNET_TieredCompilation"] = "1";
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the worker {worker.FileName}");
        using var kill = cancellationToken.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        });
        var stdout = ReadResponseAsync(process.StandardOutput, progress);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(new WorkerRequest(task, attempt, assemblies), Json)).ConfigureAwait(false);
        process.StandardInput.Close();
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var text = await stdout.ConfigureAwait(false);
        WorkerResponse? response = null;
        try
        {
            response = text.Length == 0 ? null : JsonSerializer.Deserialize<WorkerResponse>(text, Json);
        }
        catch (JsonException)
        {
            // reported below
        }

        return response switch
        {
            { Error: null, Output: { } output } => output,
            { Rejected: true, Error: { } error } => throw new TaskRejectedException(error),
            { Error: { } error } => throw new InvalidOperationException(error),
            _ => throw new InvalidOperationException($"the worker process exited {process.ExitCode} without an answer: {Tail(await stderr.ConfigureAwait(false))}"),
        };
    }

    /// <summary>Reads a worker's standard output: its <c>::progress</c> lines go to <paramref name="progress"/>, the rest is the response.</summary>
    private static async Task<string> ReadResponseAsync(StreamReader output, IProgress<double>? progress)
    {
        var response = new System.Text.StringBuilder();
        while (await output.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            if (Execution.ProgressLine.TryParse(line, out var fraction))
            {
                progress?.Report(fraction);
            }
            else
            {
                response.AppendLine(line);
            }
        }

        return response.ToString().Trim();
    }

    /// <summary>
    /// The worker's side: reads one <see cref="WorkerRequest"/> from <paramref name="input"/>, runs it with
    /// <paramref name="runnerFor"/>'s runner (no cancellation: the node kills the process at the deadline) and writes one
    /// <see cref="WorkerResponse"/> to <paramref name="output"/>. The function's progress reports go before it as
    /// <c>::progress F</c> lines (<see cref="Execution.ProgressLine"/>, at most one per <see cref="ProgressLineInterval"/>
    /// except the report of 1.0), which the node reads as it reads a shell task's.
    /// </summary>
    /// <param name="input">The worker's standard input.</param>
    /// <param name="output">The worker's standard output.</param>
    /// <param name="runnerFor">Builds the runner from the request's function assemblies.</param>
    /// <param name="clock">Times the progress lines; default the system clock.</param>
    /// <returns>0, also when the function failed (the response says so); 2 for a request that is not valid JSON.</returns>
    public static async Task<int> ServeAsync(TextReader input, TextWriter output, Func<IReadOnlyList<string>, ITaskRunner> runnerFor, TimeProvider? clock = null)
    {
        WorkerRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<WorkerRequest>(await input.ReadToEndAsync().ConfigureAwait(false), Json);
        }
        catch (JsonException e)
        {
            await output.WriteAsync(JsonSerializer.Serialize(new WorkerResponse(null, "the worker's request is not valid JSON: " + e.Message, true), Json)).ConfigureAwait(false);
            return 2;
        }

        if (request is null)
        {
            return 2;
        }

        WorkerResponse response;
        try
        {
            var result = await runnerFor(request.Assemblies).RunAsync(request.Task, request.Attempt, new ProgressLines(output, clock ?? TimeProvider.System), CancellationToken.None).ConfigureAwait(false);
            response = new WorkerResponse(result, null, false);
        }
        catch (TaskRejectedException e)
        {
            response = new WorkerResponse(null, e.Message, true);
        }
        catch (Exception e)
        {
            response = new WorkerResponse(null, $"{e.GetType().Name}: {e.Message}", false);
        }

        lock (output)
        {
            output.WriteLine(JsonSerializer.Serialize(response, Json));
            output.Flush();
        }

        return 0;
    }

    /// <summary>The shortest time between two progress lines of a worker: 100 ms (a report of 1.0 always goes).</summary>
    public static readonly TimeSpan ProgressLineInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>A worker's progress: each report becomes a <c>::progress F</c> line on its output, throttled (see <see cref="ProgressLineInterval"/>).</summary>
    private sealed class ProgressLines(TextWriter output, TimeProvider clock) : IProgress<double>
    {
        private long? _last;

        public void Report(double value)
        {
            lock (output)
            {
                if (value < 1.0 && _last is { } last && clock.GetElapsedTime(last) < ProgressLineInterval)
                {
                    return;
                }

                _last = clock.GetTimestamp();
                output.WriteLine($"{Execution.ProgressLine.Marker} {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
                output.Flush();
            }
        }
    }

    private static string Tail(string text) => text.Length <= 500 ? text.Trim() : "..." + text[^500..].Trim();
}
