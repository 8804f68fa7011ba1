using AkkaCompute.Compute.Collections;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Scheduling;

/// <summary>A task waiting in the scheduler, with the attempt it will run as.</summary>
/// <param name="Spec">The task.</param>
/// <param name="Attempt">1-based attempt number.</param>
/// <param name="EnqueuedAt">When it was queued (the scheduler's clock).</param>
public sealed record QueuedTask(TaskSpec Spec, int Attempt, DateTimeOffset EnqueuedAt);

/// <summary>
/// The scheduler's ready queue: a Fibonacci heap (Fredman and Tarjan, 1987) keyed by negated
/// effective priority, so the highest priority comes out first and equal priorities come out in
/// the order they were queued (the heap's insertion sequence breaks ties). Aging and
/// re-prioritising raise priority with decrease-key (O(1) amortised); cancel deletes by handle.
/// Pure: time is passed in. At most <see cref="Capacity"/> tasks.
/// </summary>
public sealed class ScheduleQueue
{
    private readonly FibonacciHeap<int, Entry> _heap = new();
    private readonly Dictionary<string, FibonacciHeapHandle<int, Entry>> _byId = new(StringComparer.Ordinal);

    /// <summary>Creates a queue holding at most <paramref name="capacity"/> tasks (at least 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public ScheduleQueue(int capacity = 1_000_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most tasks the queue holds.</summary>
    public int Capacity { get; }

    /// <summary>Number of queued tasks.</summary>
    public int Count => _heap.Count;

    /// <summary>True when a task with this id is queued.</summary>
    public bool Contains(string taskId) => _byId.ContainsKey(taskId);

    /// <summary>Queues a task at its spec's priority.</summary>
    /// <returns>False when the queue is full or the id is already queued.</returns>
    public bool TryEnqueue(QueuedTask task)
    {
        if (_heap.Count >= Capacity || _byId.ContainsKey(task.Spec.Id))
        {
            return false;
        }

        var priority = ClampPriority(task.Spec.Priority);
        _byId[task.Spec.Id] = _heap.Insert(-priority, new Entry(task, task.EnqueuedAt));
        return true;
    }

    /// <summary>Removes and returns the task to run next, or null when empty.</summary>
    public QueuedTask? TryDequeue()
    {
        if (!_heap.TryExtractMin(out _, out var entry))
        {
            return null;
        }

        _byId.Remove(entry.Task.Spec.Id);
        return entry.Task;
    }

    /// <summary>How many tasks are queued at each effective priority, highest priority first. O(n log n) in the queued tasks.</summary>
    public IReadOnlyList<KeyValuePair<int, int>> CountByPriority() =>
        [.. _byId.Values.GroupBy(h => -h.Key).Select(g => new KeyValuePair<int, int>(g.Key, g.Count())).OrderByDescending(p => p.Key)];

    /// <summary>The effective priority of a queued task (its spec priority plus aging), or null.</summary>
    public int? PriorityOf(string taskId) => _byId.TryGetValue(taskId, out var h) ? -h.Key : null;

    /// <summary>Removes a queued task.</summary>
    /// <returns>The removed task, or null when it is not queued.</returns>
    public QueuedTask? Remove(string taskId)
    {
        if (!_byId.Remove(taskId, out var handle))
        {
            return null;
        }

        _heap.Delete(handle);
        return handle.Value.Task;
    }

    /// <summary>
    /// Sets a queued task's priority. Raising uses decrease-key in place (it keeps its place among
    /// equal priorities); lowering re-inserts it (it goes behind tasks already at the new priority).
    /// </summary>
    /// <returns>False when the task is not queued.</returns>
    public bool Reprioritize(string taskId, int priority)
    {
        if (!_byId.TryGetValue(taskId, out var handle))
        {
            return false;
        }

        var key = -ClampPriority(priority);
        if (key <= handle.Key)
        {
            _heap.DecreaseKey(handle, key);
            return true;
        }

        _heap.Delete(handle);
        _byId[taskId] = _heap.Insert(key, handle.Value);
        return true;
    }

    /// <summary>
    /// Ages the queue: every task that has waited at least <paramref name="interval"/> since it was
    /// queued or last aged gains <paramref name="step"/> priority (decrease-key), so low-priority work is
    /// never starved. O(n) in queued tasks.
    /// </summary>
    /// <returns>How many tasks gained priority.</returns>
    public int Age(DateTimeOffset now, TimeSpan interval, int step)
    {
        if (step <= 0)
        {
            return 0;
        }

        var aged = 0;
        foreach (var handle in _byId.Values)
        {
            var entry = handle.Value;
            if (now - entry.LastAgedAt < interval)
            {
                continue;
            }

            var newKey = Math.Max(-MaxPriority, handle.Key - step);
            if (newKey < handle.Key)
            {
                _heap.DecreaseKey(handle, newKey);
                aged++;
            }

            entry.LastAgedAt = now;
        }

        return aged;
    }

    /// <summary>The highest allowed priority; submitted priorities are clamped to ±this.</summary>
    public const int MaxPriority = 1_000_000_000;

    private static int ClampPriority(int p) => Math.Clamp(p, -MaxPriority, MaxPriority);

    private sealed class Entry(QueuedTask task, DateTimeOffset lastAgedAt)
    {
        public QueuedTask Task { get; } = task;

        public DateTimeOffset LastAgedAt { get; set; } = lastAgedAt;
    }
}
