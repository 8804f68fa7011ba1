using Akka.Actor;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Node.Cluster;

namespace AkkaCompute.Cli.Telemetry;

/// <summary>Asks a node's peer for its <see cref="ClusterStats"/> (<see cref="GetClusterStats"/>).</summary>
internal static class ClusterStatsQuery
{
    /// <summary>The node's cluster counters, or null when the peer does not answer within <paramref name="timeout"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public static async Task<ClusterStats?> AskAsync(ComputeNode node, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            return await node.Peer.Ask<ClusterStats>(GetClusterStats.Instance, timeout, ct).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
