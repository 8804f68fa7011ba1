using AkkaCompute.Compute.Protocol;
using AkkaCompute.Node.Cluster;

namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>The answer to <c>GET /api/v1/stats</c>: what the dashboard shows besides the members.</summary>
/// <param name="Node">This node's task counters.</param>
/// <param name="Cluster">Its distributed-protocol counters.</param>
/// <param name="Clock">Its view of the merkle clock (entries and head).</param>
/// <param name="QueueByPriority">Its waiting tasks by priority, highest first.</param>
/// <param name="Series">Finished tasks per 5-second bucket over the last 10 minutes, oldest first (buckets with none included).</param>
/// <param name="Running">Its running tasks (as their home), longest running first, at most 100.</param>
/// <param name="Failures">The latest tasks that did not succeed, newest first, at most 50.</param>
/// <param name="Jobs">The latest jobs submitted through this API, newest first, at most 20.</param>
/// <param name="TasksPerSecond">Tasks finished per second over the last minute.</param>
internal sealed record StatsDto(
    NodeStatus Node,
    ClusterStats Cluster,
    ClockView Clock,
    IReadOnlyList<PriorityDepthDto> QueueByPriority,
    IReadOnlyList<SeriesPointDto> Series,
    IReadOnlyList<TaskSummaryDto> Running,
    IReadOnlyList<TaskSummaryDto> Failures,
    IReadOnlyList<JobDto> Jobs,
    double TasksPerSecond);
