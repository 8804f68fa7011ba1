using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Cli.Api;

/// <summary>What the <see cref="TaskBoard"/> knows of one task; mutated only under the board's lock.</summary>
internal sealed class BoardTask(string id)
{
    /// <summary>The task id.</summary>
    public string Id { get; } = id;

    /// <summary>Its job, when submitted through the API; else null.</summary>
    public string? Job { get; set; }

    /// <summary>Its priority, when submitted through the API; else null.</summary>
    public int? Priority { get; set; }

    /// <summary>Its state; null between its registration by the API and the node's answer (submitted, not yet accepted).</summary>
    public TaskState? State { get; set; }

    /// <summary>Attempts started so far.</summary>
    public int Attempts { get; set; }

    /// <summary>When it was accepted (last), as seen by the board.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>When its last attempt started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it finished; null while unfinished.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The fraction done (0.0 to 1.0) its running attempt last reported; null when it reported none or is not running.</summary>
    public double? Progress { get; set; }

    /// <summary>Its error (terminal, or the last failed attempt's while retrying).</summary>
    public string? Error { get; set; }
}
