namespace AkkaCompute.Compute.Distributed;

/// <summary>
/// What places a task: its <see cref="TaskHash"/>, the merkle clock head stamped on it at acceptance (never changed
/// after) and the roles its owner must have.
/// </summary>
/// <param name="TaskHashHex">The task's hash (<see cref="TaskHash.Of"/>), 64 lowercase hex characters.</param>
/// <param name="StampedHead">The clock head at acceptance (<see cref="MerkleClock.Head"/>), 64 lowercase hex characters.</param>
/// <param name="Requires">Roles the owner must have (<c>requires = ["gpu"]</c>); empty for any member.</param>
public sealed record TaskPlacement(string TaskHashHex, string StampedHead, IReadOnlyList<string> Requires)
{
    private byte[]? _point;

    /// <summary>The placement of task <paramref name="taskId"/> of workflow <paramref name="workflowId"/> stamped with <paramref name="head"/>.</summary>
    public static TaskPlacement For(string taskId, string workflowId, string head, IReadOnlyList<string>? requires = null) =>
        new(TaskHash.Of(taskId, workflowId), head, requires ?? []);

    /// <summary>SHA-256 of <c>StampedHead + ":" + TaskHashHex</c> (32 bytes), computed once.</summary>
    internal byte[] Point => _point ??= TaskHash.PlacementPoint(StampedHead, TaskHashHex);

    /// <summary>Equal when hash, head and required roles (in order) are equal.</summary>
    public bool Equals(TaskPlacement? other) =>
        other is not null && TaskHashHex == other.TaskHashHex && StampedHead == other.StampedHead && Requires.SequenceEqual(other.Requires);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TaskHashHex, StampedHead);
}
