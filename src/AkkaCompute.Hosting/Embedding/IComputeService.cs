using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Hosting.Embedding;

/// <summary>
/// The node an application hosts (<see cref="AkkaComputeServiceCollectionExtensions.AddAkkaCompute"/>), as a service to
/// inject: submit tasks, wait for their results, read the counters. Each call is a message to the node's PeerActor.
/// </summary>
public interface IComputeService
{
    /// <summary>Submits a batch of tasks; they are durable (journaled) when this returns.</summary>
    /// <param name="tasks">The tasks (1 or more; ids unique in the batch).</param>
    /// <param name="clientId">Who submits, for per-client quotas; null for none.</param>
    /// <param name="cancellationToken">Cancels the wait (not the submission).</param>
    /// <returns>The ids accepted now and those the node already knew.</returns>
    /// <exception cref="ComputeRefusedException">The node refused the batch (bad task, quota, queue full); the message says why.</exception>
    /// <exception cref="Akka.Actor.AskTimeoutException">No answer within <see cref="AkkaComputeOptions.RequestTimeout"/>.</exception>
    Task<BatchAccepted> SubmitAsync(IReadOnlyList<TaskSpec> tasks, string? clientId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until a task has finished (Succeeded, Failed, TimedOut or Cancelled) and returns its result. Each waiting call
    /// is one short-lived subscriber to the node's task events (it sees every event until its task ends), so it suits
    /// request-sized waits; to follow many thousands of tasks at once read <c>ComputeNode.SubscribeEvents</c>-style
    /// events yourself (send <see cref="SubscribeTaskEvents"/> to the PeerActor).
    /// </summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="cancellationToken">Stops waiting (a task never submitted is waited for until then).</param>
    /// <returns>The task's result.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    Task<TaskResult> ResultAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>The node's task counters.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Counts of known, waiting, queued, running, retrying, succeeded, failed and cancelled tasks.</returns>
    /// <exception cref="Akka.Actor.AskTimeoutException">No answer within <see cref="AkkaComputeOptions.RequestTimeout"/>.</exception>
    Task<NodeStatus> StatusAsync(CancellationToken cancellationToken = default);
}
