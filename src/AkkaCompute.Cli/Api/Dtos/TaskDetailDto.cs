using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>One task (<c>GET /api/v1/tasks/{id}</c>): its definition, where it lives, its attempts and its timeline.</summary>
/// <param name="Id">The task id.</param>
/// <param name="State">Its state's name.</param>
/// <param name="Attempts">Attempts started so far.</param>
/// <param name="Job">The job it was submitted with through this API, or null when unknown.</param>
/// <param name="Home">The member that accepted it and keeps its history: this node's address when <paramref name="Definition"/> is given; null when another member is its home.</param>
/// <param name="Owner">The member that ran or runs its latest attempt, as its home recorded it (the last start, or a later hand-off or steal; this node on a single node); null before the first start or when another member is its home.</param>
/// <param name="Definition">What it runs (function and arguments, or command), as submitted; null when another member is its home.</param>
/// <param name="Result">Its result once finished; null before.</param>
/// <param name="Timeline">Its lifecycle events, oldest first (from this node's history, and the live events since the API started).</param>
/// <param name="Progress">For a running task that reports progress: the fraction done, 0.0 to 1.0, as last reported to this node; otherwise null.</param>
internal sealed record TaskDetailDto(
    string Id,
    string State,
    int Attempts,
    string? Job,
    string? Home,
    string? Owner,
    TaskSpec? Definition,
    TaskResult? Result,
    IReadOnlyList<TimelineEntryDto> Timeline,
    double? Progress = null);
