namespace AkkaCompute.Compute.Distributed;

/// <summary>
/// The accepted tasks a member is home to, by task id (<see cref="AcceptedTask"/>), with their finished entries in the order
/// they finished, so that <see cref="Prune"/> forgets the old ones in time proportional to what it forgets rather than to
/// everything held: a busy home holds up to <c>maxFinished</c> finished entries (100,000 in a node), and scanning and
/// sorting them all on every prune stalled the home's actor for tens of milliseconds. Not thread-safe (one actor owns it).
/// </summary>
public sealed class HomedTasks
{
    private readonly Dictionary<string, AcceptedTask> _entries = new(StringComparer.Ordinal);

    /// <summary>Finished entries in the order they were recorded: task id and finish time. An item whose entry was since
    /// replaced or removed is stale and skipped when reached.</summary>
    private readonly Queue<(string TaskId, DateTimeOffset FinishedAt)> _finishedOrder = new();

    /// <summary>Entries held.</summary>
    public int Count => _entries.Count;

    /// <summary>Entries held that have finished (<see cref="AcceptedTask.FinishedAt"/> set).</summary>
    public int FinishedCount { get; private set; }

    /// <summary>The entry of task <paramref name="taskId"/>.</summary>
    /// <exception cref="KeyNotFoundException">No entry for it is held.</exception>
    public AcceptedTask this[string taskId] => _entries[taskId];

    /// <summary>The entry of task <paramref name="taskId"/>, if held.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="entry">Its entry, when the result is true.</param>
    public bool TryGet(string taskId, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out AcceptedTask entry) =>
        _entries.TryGetValue(taskId, out entry);

    /// <summary>Holds <paramref name="entry"/> under its task id, replacing any entry held for it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public void Set(AcceptedTask entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var id = entry.Spec.Id;
        if (_entries.TryGetValue(id, out var previous) && previous.FinishedAt is not null)
        {
            FinishedCount--;
        }

        _entries[id] = entry;
        if (entry.FinishedAt is { } at)
        {
            FinishedCount++;
            _finishedOrder.Enqueue((id, at));
        }
    }

    /// <summary>Removes the entry of task <paramref name="taskId"/>; false when none was held.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="entry">The entry removed, when the result is true.</param>
    public bool Remove(string taskId, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out AcceptedTask entry)
    {
        if (!_entries.Remove(taskId, out entry))
        {
            return false;
        }

        if (entry.FinishedAt is not null)
        {
            FinishedCount--;
        }

        return true;
    }

    /// <summary>
    /// Removes and returns the finished entries that finished before <paramref name="before"/>, and the earliest recorded
    /// finished ones beyond <paramref name="maxFinished"/>, oldest first. Entries are taken in the order they were recorded
    /// finished, which is the order of <see cref="AcceptedTask.FinishedAt"/> when the home stamps it from its clock; an entry
    /// adopted from a removed home with an earlier finish time waits behind those recorded before it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFinished"/> is negative.</exception>
    public List<AcceptedTask> Prune(DateTimeOffset before, int maxFinished)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxFinished);
        var pruned = new List<AcceptedTask>();
        while (_finishedOrder.TryPeek(out var next))
        {
            if (!_entries.TryGetValue(next.TaskId, out var entry) || entry.FinishedAt != next.FinishedAt)
            {
                _finishedOrder.Dequeue(); // stale: replaced or removed since
                continue;
            }

            if (next.FinishedAt >= before && FinishedCount <= maxFinished)
            {
                break;
            }

            _finishedOrder.Dequeue();
            Remove(next.TaskId, out _);
            pruned.Add(entry);
        }

        return pruned;
    }
}
