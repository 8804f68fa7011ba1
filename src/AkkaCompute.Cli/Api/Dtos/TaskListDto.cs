namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>The answer to <c>GET /api/v1/tasks</c>.</summary>
/// <param name="Tasks">The matching tasks, oldest acceptance first, at most <paramref name="Limit"/>.</param>
/// <param name="Limit">The limit applied (the <c>limit</c> parameter; default 100, 1 to 10,000).</param>
internal sealed record TaskListDto(IReadOnlyList<TaskSummaryDto> Tasks, int Limit);
