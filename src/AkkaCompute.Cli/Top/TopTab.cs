namespace AkkaCompute.Cli.Top;

/// <summary>The tabs of <c>akc top</c>, in the order Tab cycles through them.</summary>
internal enum TopTab
{
    /// <summary>The cluster's members: status, reachability and load bars (<c>GET /api/v1/nodes</c>).</summary>
    Workers,

    /// <summary>The node's tasks by state, the running ones first with their progress (<c>GET /api/v1/stats</c>).</summary>
    Tasks,

    /// <summary>The last lines of the node's log (<c>GET /log</c>).</summary>
    Logs,
}
