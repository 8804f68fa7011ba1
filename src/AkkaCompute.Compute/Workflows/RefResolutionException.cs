namespace AkkaCompute.Compute.Workflows;

/// <summary>
/// A <c>$ref</c> in a task's arguments cannot be replaced: the referenced task has no result, the
/// path does not exist in the result, or the <c>$ref</c> object is malformed. The message names the
/// reference and the reason, e.g. <c>$ref 'a.items.3': the result of task 'a' has no element 3 at 'items' (the array has 2 elements)</c>.
/// </summary>
public sealed class RefResolutionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reference">The <c>$ref</c> target as written (empty for a malformed object).</param>
    /// <param name="taskId">The referenced task, when known.</param>
    /// <param name="message">The full message.</param>
    public RefResolutionException(string reference, string? taskId, string message)
        : base(message)
    {
        Reference = reference ?? throw new ArgumentNullException(nameof(reference));
        TaskId = taskId;
    }

    /// <summary>The <c>$ref</c> target as written, e.g. <c>a.items.3</c>.</summary>
    public string Reference { get; }

    /// <summary>The referenced task id, or null when the reference is malformed.</summary>
    public string? TaskId { get; }
}
