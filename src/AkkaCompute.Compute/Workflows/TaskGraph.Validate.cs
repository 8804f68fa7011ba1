using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Workflows;

public static partial class TaskGraph
{
    /// <summary>Default for <c>maxErrors</c> of <see cref="Validate"/>: 100.</summary>
    public const int DefaultMaxErrors = 100;

    /// <summary>
    /// Checks a task list before anything runs: invalid and duplicate ids, malformed <c>$ref</c>
    /// objects, references and depends-on entries that name no task in the list, and dependency
    /// cycles (one per strongly connected group of tasks, with its path). Errors come in that order,
    /// each group in task order.
    /// </summary>
    /// <param name="tasks">The tasks, in submission order.</param>
    /// <param name="maxErrors">Stop after this many errors, 1 or more (default 100).</param>
    /// <returns>The problems; empty when the graph can run.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxErrors"/> is less than 1.</exception>
    public static IReadOnlyList<TaskGraphError> Validate(IReadOnlyList<TaskSpec> tasks, int maxErrors = DefaultMaxErrors)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxErrors, 1);
        var errors = new List<TaskGraphError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (errors.Count >= maxErrors) return errors;
            if (TaskIds.Problem(task.Id) is { } problem)
                errors.Add(new TaskGraphError(TaskGraphErrorKind.InvalidId, task.Id, null, null, $"invalid id: {problem}"));
            else if (!seen.Add(task.Id))
                errors.Add(new TaskGraphError(TaskGraphErrorKind.DuplicateId, task.Id, null, null, $"duplicate id '{task.Id}'"));
        }
        var index = TaskGraphIndex.Build(tasks, (_, error) =>
        {
            if (errors.Count < maxErrors) errors.Add(error);
        });
        if (errors.Count >= maxErrors) return errors;
        foreach (var cycle in StronglyConnected.Cycles(index.Dependencies, maxErrors - errors.Count))
        {
            var ids = cycle.Select(i => tasks[i].Id).ToArray();
            errors.Add(new TaskGraphError(TaskGraphErrorKind.Cycle, ids[0], null, ids,
                $"dependency cycle {string.Join(" -> ", ids)} (each task depends on the next)"));
        }
        return errors;
    }

    /// <summary>
    /// The tasks in an order where every task comes after all it depends on; among tasks that are
    /// ready at the same time, the earlier-submitted comes first (so a list already in order is unchanged).
    /// </summary>
    /// <param name="tasks">The tasks, in submission order.</param>
    /// <returns>The same tasks, reordered.</returns>
    /// <exception cref="TaskGraphException"><see cref="Validate"/> finds problems (at most 100 are listed).</exception>
    public static IReadOnlyList<TaskSpec> TopologicalOrder(IReadOnlyList<TaskSpec> tasks)
    {
        var errors = Validate(tasks);
        if (errors.Count > 0) throw new TaskGraphException(errors);
        var index = TaskGraphIndex.Build(tasks, null);
        var waiting = new int[tasks.Count];
        var dependents = new List<int>?[tasks.Count];
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < tasks.Count; i++)
        {
            waiting[i] = index.Dependencies[i].Length;
            foreach (var dep in index.Dependencies[i]) (dependents[dep] ??= []).Add(i);
            if (waiting[i] == 0) ready.Enqueue(i, i);
        }
        var order = new List<TaskSpec>(tasks.Count);
        while (ready.TryDequeue(out var next, out _))
        {
            order.Add(tasks[next]);
            foreach (var dependent in dependents[next] ?? [])
            {
                if (--waiting[dependent] == 0) ready.Enqueue(dependent, dependent);
            }
        }
        return order;
    }

    /// <summary>
    /// A dependency cycle, if there is one: the ids along it, starting and ending with the
    /// earliest-submitted task of the cycle (<c>a, b, c, a</c> means a depends on b, b on c, c on a).
    /// Unknown references are ignored.
    /// </summary>
    /// <param name="tasks">The tasks.</param>
    /// <returns>The cycle, or null when the graph is acyclic.</returns>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyList<TaskSpec> tasks)
    {
        var index = TaskGraphIndex.Build(tasks, null);
        if (Array.TrueForAll(index.Dependencies, d => d.Length == 0)) return null;
        var cycles = StronglyConnected.Cycles(index.Dependencies, 1);
        return cycles.Count == 0 ? null : cycles[0].Select(i => tasks[i].Id).ToArray();
    }
}
