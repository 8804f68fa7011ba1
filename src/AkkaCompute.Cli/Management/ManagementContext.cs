using Akka.Cluster;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// What the endpoints of a node's HTTP server (<see cref="ManagementServer"/>) serve from: the running node, its cluster extension and
/// the endpoint's settings (<c>akc.management</c>).
/// </summary>
/// <param name="Node">The node whose engine (peer, history, events) the endpoints query and submit to.</param>
/// <param name="Cluster">The node's <c>Akka.Cluster</c> extension: membership, reachability, join, leave and down.</param>
/// <param name="Settings">The endpoint's settings: bind address and port.</param>
internal sealed record ManagementContext(ComputeNode Node, Cluster Cluster, ClusterManagementSettings Settings)
{
    /// <summary>The token that endpoints changing the cluster require (<see cref="BearerTokenFilter"/>); <see cref="BearerToken.None"/> (the default) refuses them all.</summary>
    public BearerToken Token { get; init; } = BearerToken.None;

    /// <summary>The node's recent log lines for <c>GET /log</c>, or null when the node keeps none (then <c>/log</c> answers 404).</summary>
    public LogRing? Log { get; init; }
}
