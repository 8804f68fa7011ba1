using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Workflows;

/// <summary>
/// The graph of a task list by position: for each task, the positions of the tasks it depends on
/// (distinct, in reference order). Unknown references and malformed <c>$ref</c>s are reported to
/// the callbacks and left out of the graph. With duplicate ids, the first task with the id is the one referenced.
/// </summary>
internal sealed class TaskGraphIndex
{
    private TaskGraphIndex(IReadOnlyList<TaskSpec> tasks, Dictionary<string, int> positions, int[][] dependencies)
    {
        Tasks = tasks;
        Positions = positions;
        Dependencies = dependencies;
    }

    public IReadOnlyList<TaskSpec> Tasks { get; }

    /// <summary>Id to position of its first task.</summary>
    public Dictionary<string, int> Positions { get; }

    /// <summary>For each position, the positions it depends on.</summary>
    public int[][] Dependencies { get; }

    /// <summary>Builds the index; <paramref name="onProblem"/> receives reference problems as (position, error).</summary>
    public static TaskGraphIndex Build(IReadOnlyList<TaskSpec> tasks, Action<int, TaskGraphError>? onProblem)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var positions = new Dictionary<string, int>(tasks.Count, StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count; i++) positions.TryAdd(tasks[i].Id, i);
        var dependencies = new int[tasks.Count][];
        var edges = new List<int>();
        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            var position = i;
            edges.Clear();
            RefScanner.Scan(task.Args, target =>
            {
                var (id, path) = RefScanner.Split(target, positions.ContainsKey);
                if (positions.TryGetValue(id, out var dep)) edges.Add(dep);
                else onProblem?.Invoke(position, new TaskGraphError(TaskGraphErrorKind.UnknownReference, task.Id, target, null,
                    path is null ? $"$ref to unknown task '{id}'" : $"$ref to unknown task '{id}' (in '{target}')"));
            }, reason => onProblem?.Invoke(position, new TaskGraphError(TaskGraphErrorKind.MalformedReference, task.Id, null, null, reason)));
            foreach (var id in task.DependsOn)
            {
                if (positions.TryGetValue(id, out var dep)) edges.Add(dep);
                else onProblem?.Invoke(position, new TaskGraphError(TaskGraphErrorKind.UnknownReference, task.Id, id, null,
                    $"depends on unknown task '{id}'") { FromDependsOn = true });
            }
            dependencies[i] = edges.Count == 0 ? [] : edges.Distinct().ToArray();
        }
        return new TaskGraphIndex(tasks, positions, dependencies);
    }
}
