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
}

/// <summary>A task that cannot succeed on retry: it fails at once with this message.</summary>
public sealed class TaskRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskRejectedException(string message, Exception? inner = null) : base(message, inner) { }
}
