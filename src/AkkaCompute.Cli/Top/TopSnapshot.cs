using AkkaCompute.Cli.Api.Dtos;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Top;

/// <summary>What <c>akc top</c> last read from the node; each part is null until its tab was first shown (only the shown tab is polled).</summary>
/// <param name="Endpoint">The node's endpoint.</param>
/// <param name="Nodes">The members (<c>GET /api/v1/nodes</c>).</param>
/// <param name="Stats">The task counters and running tasks (<c>GET /api/v1/stats</c>).</param>
/// <param name="Log">The last log lines (<c>GET /log</c>).</param>
/// <param name="At">When the last poll ended (local time of the client).</param>
/// <param name="Error">Why the last poll failed (the previous data is kept), or null.</param>
internal sealed record TopSnapshot(Uri Endpoint, NodesDto? Nodes, TopStatsDto? Stats, LogPeekDto? Log, DateTimeOffset At, string? Error = null);
