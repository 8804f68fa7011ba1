namespace AkkaCompute.Compute.Workflows;

/// <summary>A task graph cannot be ordered: it has unknown references, duplicate ids or cycles. The message lists the problems one per line.</summary>
public sealed class TaskGraphException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">The problems, at least one.</param>
    public TaskGraphException(IReadOnlyList<TaskGraphError> errors)
        : base(string.Join("\n", errors ?? throw new ArgumentNullException(nameof(errors))))
    {
        Errors = errors;
    }

    /// <summary>The problems, as found by <see cref="TaskGraph.Validate"/>.</summary>
    public IReadOnlyList<TaskGraphError> Errors { get; }
}
