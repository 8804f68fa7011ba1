namespace AkkaCompute.Compute.Workflows;

/// <summary>What is wrong with a task graph.</summary>
public enum TaskGraphErrorKind
{
    /// <summary>Two tasks have the same id.</summary>
    DuplicateId,

    /// <summary>A task id breaks the rules of <see cref="TaskIds"/>.</summary>
    InvalidId,

    /// <summary>An object has a <c>$ref</c> key but is not exactly <c>{"$ref": "non-empty string"}</c>.</summary>
    MalformedReference,

    /// <summary>A <c>$ref</c> or a depends-on entry names no task of the graph.</summary>
    UnknownReference,

    /// <summary>Tasks depend on each other in a circle.</summary>
    Cycle,
}

/// <summary>One problem found by <see cref="TaskGraph.Validate"/>.</summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="TaskId">The task it is reported on (for a cycle: the earliest-submitted task in it).</param>
/// <param name="Reference">For references: the <c>$ref</c> text or depends-on entry as written; otherwise null.</param>
/// <param name="Cycle">For cycles: the path, first id repeated at the end (<c>a, b, a</c>); otherwise null.</param>
/// <param name="Message">A sentence without the task prefix, e.g. <c>$ref to unknown task 'zz'</c>.</param>
public sealed record TaskGraphError(TaskGraphErrorKind Kind, string TaskId, string? Reference, IReadOnlyList<string>? Cycle, string Message)
{
    /// <summary>True when the reference came from <see cref="Tasks.TaskSpec.DependsOn"/> rather than a <c>$ref</c>.</summary>
    public bool FromDependsOn { get; init; }

    /// <summary>Renders <c>task 'id': message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"task '{TaskId}': {Message}";
}
