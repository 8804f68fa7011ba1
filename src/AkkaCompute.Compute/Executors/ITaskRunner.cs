using System.Text.Json;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Executors;

/// <summary>Runs one attempt of a task (a function call or a shell command).</summary>
public interface ITaskRunner
{
    /// <summary>
    /// Runs <paramref name="task"/> (its <c>$ref</c>s already resolved) as attempt <paramref name="attempt"/>.
    /// </summary>
    /// <returns>The result value.</returns>
    /// <exception cref="TaskRejectedException">The task cannot succeed on retry (unknown function, refused command, bad arguments).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (timeout or cancel).</exception>
    /// <exception cref="Exception">Any other failure; the attempt may be retried.</exception>
    Task<JsonElement> RunAsync(TaskSpec task, int attempt, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(TaskSpec, int, CancellationToken)"/>, reporting the fraction done (0.0 to 1.0) to
    /// <paramref name="progress"/> when the task says it (a function's <see cref="Execution.FunctionContext.Report"/>, a
    /// shell command's <c>::progress</c> lines). Reports may come on any thread, as often as the task makes them; the
    /// receiver throttles. The default implementation reports nothing.
    /// </summary>
    /// <returns>The result value.</returns>
    /// <exception cref="TaskRejectedException">The task cannot succeed on retry (unknown function, refused command, bad arguments).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (timeout or cancel).</exception>
    /// <exception cref="Exception">Any other failure; the attempt may be retried.</exception>
    Task<JsonElement> RunAsync(TaskSpec task, int attempt, IProgress<double>? progress, CancellationToken cancellationToken) =>
        RunAsync(task, attempt, cancellationToken);
}

/// <summary>A task that cannot succeed on retry: it fails at once with this message.</summary>
public sealed class TaskRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskRejectedException(string message, Exception? inner = null) : base(message, inner) { }
}
