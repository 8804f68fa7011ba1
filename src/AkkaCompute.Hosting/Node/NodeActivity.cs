using AkkaCompute.Compute.Protocol;

namespace AkkaCompute.Hosting.Node;

/// <summary>
/// What an <see cref="IdleTrimSchedule"/> and the <see cref="BurstEndCollector"/> watch to tell an idle node from a working one: the node's own task counters and its
/// busy executors (which also run attempts of tasks that other members own, not counted in <paramref name="Tasks"/>).
/// </summary>
/// <param name="Tasks">The task counters of the tasks this node accepted (<see cref="NodeStatus"/>).</param>
/// <param name="BusyExecutors">Executors running an attempt now, whoever owns its task; 0 or more.</param>
public readonly record struct NodeActivity(NodeStatus Tasks, int BusyExecutors)
{
    /// <summary>True when nothing is queued, running, waiting to retry, or being executed.</summary>
    public bool IsIdle => Tasks.Queued == 0 && Tasks.Running == 0 && Tasks.Retrying == 0 && BusyExecutors == 0;

    /// <summary>
    /// Reads the activity with <paramref name="read"/> for a background loop that polls it: null when the read failed (e.g. an
    /// <c>AskTimeoutException</c> from a busy or stopping node), so that the loop skips that poll and tries at the next.
    /// </summary>
    /// <param name="read">Reads the node's activity, e.g. <see cref="ComputeNode.ActivityAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the loop ends).</exception>
    public static async Task<NodeActivity?> TryReadAsync(Func<CancellationToken, Task<NodeActivity>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
