using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Workflows;

/// <summary>
/// Pure functions over a set of tasks as a dependency graph. A task depends on every task it
/// references with <c>{"$ref": "id"}</c> or <c>{"$ref": "id.path.into.json"}</c> anywhere in its
/// arguments, and on every id in <see cref="TaskSpec.DependsOn"/>. Task ids may contain dots; a
/// reference's id is the longest dot-bounded prefix that names a task (see <see cref="References(TaskSpec, Func{string, bool}?)"/>).
/// Every function works iteratively, so a chain of a million tasks does not overflow the stack.
/// </summary>
public static partial class TaskGraph
{
    /// <summary>The key that marks a reference: <c>$ref</c>.</summary>
    public const string RefKey = RefScanner.RefKey;

    /// <summary>
    /// The tasks <paramref name="task"/> depends on: its well-formed <c>$ref</c>s in document order,
    /// then its depends-on ids (with a null path), without repeats. Without a list of known ids, the
    /// id of a reference is the text before its first dot.
    /// </summary>
    /// <param name="task">The task.</param>
    /// <returns>(task id, path inside the result or null) pairs.</returns>
    public static IReadOnlyList<(string TaskId, string? Path)> References(TaskSpec task) => References(task, null);

    /// <summary>
    /// Like <see cref="References(TaskSpec)"/>, but a reference's id is the longest dot-bounded prefix
    /// of its target for which <paramref name="isTask"/> is true (so <c>file-a.txt.count</c> is task
    /// <c>file-a.txt</c>, path <c>count</c>, when that task exists).
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="isTask">Whether an id names a task; null to split at the first dot.</param>
    /// <returns>(task id, path inside the result or null) pairs.</returns>
    public static IReadOnlyList<(string TaskId, string? Path)> References(TaskSpec task, Func<string, bool>? isTask)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.DependsOn.Count == 0 && !RefScanner.MayContainReference(task.Args)) return [];
        var result = new List<(string, string?)>();
        var seen = new HashSet<(string, string?)>();
        RefScanner.Scan(task.Args, target =>
        {
            var pair = RefScanner.Split(target, isTask);
            if (seen.Add(pair)) result.Add(pair);
        }, null);
        foreach (var id in task.DependsOn)
        {
            if (seen.Add((id, null))) result.Add((id, null));
        }
        return result;
    }

    /// <summary>Whether a JSON value is exactly a reference object, <c>{"$ref": "target"}</c>.</summary>
    /// <param name="element">The value.</param>
    /// <param name="target">The target text (<c>id</c> or <c>id.path</c>) when it is one.</param>
    /// <returns>True for a well-formed reference.</returns>
    public static bool IsReference(System.Text.Json.JsonElement element, out string target) =>
        RefScanner.TryGetReference(element, out target);
}
