namespace AkkaCompute.Cli.Mcp;

/// <summary>
/// The tasks submitted through one <c>akc mcp</c> server, in submission order, so that <c>list_tasks</c> can name them
/// (the cluster has no request that lists every task). Thread-safe. At most <see cref="MaxTracked"/> ids are kept: past
/// it, the oldest are forgotten (they still run; <c>get_task</c> still finds them by id).
/// </summary>
internal sealed class SubmittedTasks
{
    /// <summary>Most task ids remembered: 100,000.</summary>
    public const int MaxTracked = 100_000;

    private readonly Lock _lock = new();
    private readonly LinkedList<(string Job, string TaskId)> _order = new();
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>Remembers <paramref name="taskIds"/> as tasks of <paramref name="job"/> (ids already known keep their place).</summary>
    public void Add(string job, IEnumerable<string> taskIds)
    {
        lock (_lock)
        {
            foreach (var id in taskIds)
            {
                if (!_known.Add(id))
                {
                    continue;
                }

                _order.AddLast((job, id));
                if (_order.Count > MaxTracked)
                {
                    _known.Remove(_order.First!.Value.TaskId);
                    _order.RemoveFirst();
                }
            }
        }
    }

    /// <summary>The remembered tasks (of <paramref name="job"/> only, when given), oldest first.</summary>
    public IReadOnlyList<(string Job, string TaskId)> List(string? job)
    {
        lock (_lock)
        {
            return [.. _order.Where(t => job is null || string.Equals(t.Job, job, StringComparison.Ordinal))];
        }
    }
}
