using AkkaCompute.Compute.Execution;

namespace AkkaCompute.Compute.Tasks;

/// <summary>
/// Whether two <see cref="TaskSpec"/>s with the same id describe the same work, so that a result recorded
/// for one stands for the other (a resubmission) rather than belonging to a different task that reuses the id.
/// </summary>
/// <remarks>
/// Compared, because they decide the result: <see cref="TaskSpec.Kind"/>, <see cref="TaskSpec.Function"/>,
/// <see cref="TaskSpec.Args"/> (in <see cref="CanonicalJson"/> form, so key order, whitespace and <c>1.0</c>
/// versus <c>1</c> do not matter), <see cref="TaskSpec.Command"/>, <see cref="TaskSpec.WorkingDirectory"/>,
/// <see cref="TaskSpec.Environment"/> (as a set of pairs), <see cref="TaskSpec.Inputs"/> (in order; null and empty
/// agree) and <see cref="TaskSpec.DependsOn"/> (as a set). Not compared, because they change how or when the task
/// runs but not what it computes: priority, timeout, retries and backoff, resource limits, <see cref="TaskSpec.Cache"/>, client
/// id and tags. A resubmission that differs only in those keeps the recorded result; a re-run of a task that did
/// not succeed runs with the resubmitted values.
/// </remarks>
public static class TaskDefinition
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> describe the same work (see the remarks); ids are not compared.</summary>
    /// <param name="a">One task.</param>
    /// <param name="b">The other.</param>
    /// <exception cref="ArgumentNullException">Either is null.</exception>
    public static bool Same(TaskSpec a, TaskSpec b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Kind == b.Kind
            && string.Equals(a.Function, b.Function, StringComparison.Ordinal)
            && string.Equals(a.Command, b.Command, StringComparison.Ordinal)
            && string.Equals(a.WorkingDirectory, b.WorkingDirectory, StringComparison.Ordinal)
            && SameEnvironment(a.Environment, b.Environment)
            && (a.Inputs ?? []).SequenceEqual(b.Inputs ?? [], StringComparer.Ordinal)
            && a.DependsOn.ToHashSet(StringComparer.Ordinal).SetEquals(b.DependsOn)
            && SameArgs(a, b);
    }

    private static bool SameEnvironment(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        var left = a ?? new Dictionary<string, string>();
        var right = b ?? new Dictionary<string, string>();
        return left.Count == right.Count
            && left.All(kv => right.TryGetValue(kv.Key, out var v) && string.Equals(kv.Value, v, StringComparison.Ordinal));
    }

    private static bool SameArgs(TaskSpec a, TaskSpec b)
    {
        var left = a.Args.ValueKind == System.Text.Json.JsonValueKind.Undefined ? TaskSpec.EmptyObject : a.Args;
        var right = b.Args.ValueKind == System.Text.Json.JsonValueKind.Undefined ? TaskSpec.EmptyObject : b.Args;
        return CanonicalJson.ToUtf8Bytes(left).AsSpan().SequenceEqual(CanonicalJson.ToUtf8Bytes(right));
    }
}
