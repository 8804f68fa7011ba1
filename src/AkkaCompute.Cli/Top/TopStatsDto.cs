using AkkaCompute.Cli.Api.Dtos;
using AkkaCompute.Compute.Protocol;

namespace AkkaCompute.Cli.Top;

/// <summary>The part of <c>GET /api/v1/stats</c> (<see cref="StatsDto"/>) that <c>akc top</c> reads; the other fields are skipped.</summary>
/// <param name="Node">The node's task counters.</param>
/// <param name="Running">Its running tasks, longest running first (at most 100), with their progress.</param>
/// <param name="Failures">The latest tasks that did not succeed, newest first (at most 50).</param>
/// <param name="TasksPerSecond">Tasks finished per second over the last minute.</param>
internal sealed record TopStatsDto(NodeStatus Node, IReadOnlyList<TaskSummaryDto> Running, IReadOnlyList<TaskSummaryDto> Failures, double TasksPerSecond);
