using Akka.Actor;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Node.Cluster;
using AkkaCompute.Node.History;
using AkkaCompute.Node.Scheduling;

namespace AkkaCompute.Cli.Telemetry;

/// <summary>
/// Asks a node's actors for what the management endpoint shows beyond <see cref="ComputeNode.StatusAsync"/>: the peer's
/// <see cref="ClusterStats"/>, the scheduler's <see cref="QueueDepths"/> (<c>peer/scheduler</c>) and the history journal's
/// <see cref="JournalLatency"/> (<c>peer/history</c>). Each answer is null when the actor does not answer within the timeout.
/// </summary>
internal static class ClusterStatsQuery
{
    /// <summary>The node's cluster counters, or null.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public static Task<ClusterStats?> AskAsync(ComputeNode node, TimeSpan timeout, CancellationToken ct) =>
        TryAsk<ClusterStats>(node.Peer, GetClusterStats.Instance, timeout, ct);

    /// <summary>The scheduler's queue by priority, or null.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public static Task<QueueDepths?> QueueDepthsAsync(ComputeNode node, TimeSpan timeout, CancellationToken ct) =>
        TryAsk<QueueDepths>(node.System.ActorSelection(node.Peer.Path / "scheduler"), GetQueueDepths.Instance, timeout, ct);

    /// <summary>The journal's recent write latency, or null.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public static Task<JournalLatency?> JournalLatencyAsync(ComputeNode node, TimeSpan timeout, CancellationToken ct) =>
        TryAsk<JournalLatency>(node.System.ActorSelection(node.Peer.Path / "history"), GetJournalLatency.Instance, timeout, ct);

    private static async Task<T?> TryAsk<T>(ICanTell target, object message, TimeSpan timeout, CancellationToken ct)
        where T : class
    {
        try
        {
            return await target.Ask<T>(message, timeout, ct).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
