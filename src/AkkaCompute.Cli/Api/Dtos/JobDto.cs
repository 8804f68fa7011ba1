namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>A job's progress (<c>GET /api/v1/jobs/{id}</c>, and the list <c>GET /api/v1/jobs</c>).</summary>
/// <param name="JobId">The job.</param>
/// <param name="Tasks">How many tasks it has.</param>
/// <param name="Counts">Tasks by state name (<c>Accepted</c>, <c>Running</c>, <c>Retrying</c>, <c>Succeeded</c>, <c>Failed</c>, <c>Cancelled</c>, <c>TimedOut</c>); states with no task are left out.</param>
/// <param name="Finished">Tasks in a terminal state.</param>
/// <param name="Progress">Finished / tasks, 0 to 1.</param>
/// <param name="Done">True when every task is finished.</param>
/// <param name="SubmittedAt">When it was (last) submitted to this node, UTC.</param>
internal sealed record JobDto(string JobId, int Tasks, IReadOnlyDictionary<string, int> Counts, int Finished, double Progress, bool Done, DateTimeOffset SubmittedAt);
