namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>One task in a list (<c>GET /api/v1/tasks</c>, the running tasks and failures of the stats).</summary>
/// <param name="Id">The task id.</param>
/// <param name="State">Its state's name (<c>Accepted</c>, <c>Scheduled</c>, <c>Running</c>, <c>Retrying</c>, <c>Succeeded</c>, <c>Failed</c>, <c>Cancelled</c>, <c>TimedOut</c>).</param>
/// <param name="Attempts">Attempts started so far (0 before the first).</param>
/// <param name="Job">The job it was submitted with through this API, or null when unknown (submitted another way, or before the node started).</param>
/// <param name="Priority">Its priority, when known.</param>
/// <param name="AcceptedAt">When it was accepted, UTC, when known.</param>
/// <param name="StartedAt">When its last attempt started, UTC, when known.</param>
/// <param name="FinishedAt">When it finished, UTC; null while unfinished.</param>
/// <param name="ElapsedMs">For a running task: milliseconds since its attempt started; otherwise null.</param>
/// <param name="Error">Why it did not succeed (or the last failed attempt's error while retrying); null otherwise.</param>
/// <param name="Progress">For a running task that reports progress: the fraction done, 0.0 to 1.0, as last reported; otherwise null.</param>
/// <param name="Tags">Its tags (a job file's <c>tags = [...]</c>), when known from the history; else null.</param>
/// <param name="NotBefore">Its due time (run-at, delay or a cron occurrence), UTC, when it has one and it is known; else null.</param>
internal sealed record TaskSummaryDto(
    string Id,
    string State,
    int Attempts,
    string? Job,
    int? Priority,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? ElapsedMs,
    string? Error,
    double? Progress = null,
    IReadOnlyList<string>? Tags = null,
    DateTimeOffset? NotBefore = null);
