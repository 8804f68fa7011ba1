namespace AkkaCompute.Compute.Tasks;

/// <summary>
/// A task's lifecycle: Submitted, Accepted (durable), Scheduled (when it has a due time still ahead), Queued, Running, then Succeeded, Failed,
/// Cancelled or TimedOut, with Retrying between attempts. Every transition is a history event.
/// </summary>
public enum TaskState
{
    /// <summary>Received, not yet durable.</summary>
    Submitted,

    /// <summary>Journaled; the submitter has its acknowledgement.</summary>
    Accepted,

    /// <summary>Waiting in the scheduler (or for dependencies).</summary>
    Queued,

    /// <summary>An attempt is running.</summary>
    Running,

    /// <summary>An attempt failed; waiting for the backoff before the next one.</summary>
    Retrying,

    /// <summary>Finished with a result.</summary>
    Succeeded,

    /// <summary>Finished with an error (after its retries, or without retrying for a refused command or bad input).</summary>
    Failed,

    /// <summary>Cancelled before or while running.</summary>
    Cancelled,

    /// <summary>The last attempt exceeded its timeout.</summary>
    TimedOut,

    /// <summary>Accepted (durable) with a due time (<see cref="TaskSpec.NotBefore"/>) still ahead: its home holds it until then.</summary>
    Scheduled,
}

/// <summary>Helpers over <see cref="TaskState"/>.</summary>
public static class TaskStateExtensions
{
    /// <summary>True for Succeeded, Failed, Cancelled and TimedOut.</summary>
    public static bool IsTerminal(this TaskState state) =>
        state is TaskState.Succeeded or TaskState.Failed or TaskState.Cancelled or TaskState.TimedOut;
}
