using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Client;

/// <summary>
/// Results pushed to the client before anyone waited for them: a batch is submitted with its results pushed
/// (<c>SubmitBatch.PushResults</c>), and a task that finishes fast can have its result here before the caller, who got the
/// acknowledgement a moment earlier, asks for it. A waiter takes its result from here at once. Bounded: at most
/// <see cref="Capacity"/> results and <see cref="MaxBytes"/>, none kept longer than <see cref="MaxAge"/> (the oldest go first),
/// so a client that submits and never waits holds little. Thread-safe.
/// </summary>
/// <param name="clock">The clock the ages are measured by; null: the system clock.</param>
internal sealed class UnclaimedResults(TimeProvider? clock = null)
{
    /// <summary>The most results kept: 100,000.</summary>
    public const int Capacity = 100_000;

    /// <summary>How long a result is kept unclaimed: 60 s (a caller that waits for its tasks asks right after the acknowledgement).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    /// <summary>The most bytes kept, estimated as the results' output JSON and error text: 64 MiB.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Dictionary<string, (TaskResult Result, DateTimeOffset At, long Size)> _results = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, TaskResult Result, DateTimeOffset At)> _arrivals = new();
    private long _bytes;

    /// <summary>The number of results kept now.</summary>
    public int Count
    {
        get
        {
            lock (_results)
            {
                return _results.Count;
            }
        }
    }

    /// <summary>The estimated bytes of the results kept now (<see cref="MaxBytes"/>).</summary>
    public long Bytes
    {
        get
        {
            lock (_results)
            {
                return _bytes;
            }
        }
    }

    /// <summary>
    /// Keeps <paramref name="result"/> (replacing an earlier one of the same task), after dropping expired ones and, while
    /// full (<see cref="Capacity"/> results or <see cref="MaxBytes"/>), the oldest. A result larger than <see cref="MaxBytes"/>
    /// is not kept.
    /// </summary>
    /// <param name="result">A task's terminal result.</param>
    public void Put(TaskResult result)
    {
        lock (_results)
        {
            var now = _clock.GetUtcNow();
            var size = SizeOf(result);
            if (size > MaxBytes)
            {
                return;
            }

            Remove(result.TaskId);
            while (_arrivals.TryPeek(out var oldest) && (now - oldest.At > MaxAge || _arrivals.Count >= Capacity || _bytes + size > MaxBytes))
            {
                _arrivals.Dequeue();
                if (_results.TryGetValue(oldest.Id, out var kept) && ReferenceEquals(kept.Result, oldest.Result))
                {
                    Remove(oldest.Id);
                }
            }

            _results[result.TaskId] = (result, now, size);
            _bytes += size;
            _arrivals.Enqueue((result.TaskId, result, now));
        }
    }

    /// <summary>Takes the result kept for <paramref name="taskId"/>, if one is (younger than <see cref="MaxAge"/>).</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="result">Its result, or null.</param>
    /// <returns>True when a result was kept.</returns>
    public bool TryTake(string taskId, out TaskResult? result)
    {
        lock (_results)
        {
            result = _results.TryGetValue(taskId, out var kept) && _clock.GetUtcNow() - kept.At <= MaxAge ? kept.Result : null;
            Remove(taskId);
            return result is not null;
        }
    }

    /// <summary>Forgets the results kept for <paramref name="taskIds"/> (they are being submitted again: a new run's result is awaited).</summary>
    /// <param name="taskIds">The tasks.</param>
    public void Forget(IEnumerable<string> taskIds)
    {
        lock (_results)
        {
            if (_results.Count == 0)
            {
                return;
            }

            foreach (var id in taskIds)
            {
                Remove(id);
            }
        }
    }

    /// <summary>Drops the result kept for <paramref name="taskId"/>, if any, and its bytes (under the lock).</summary>
    private void Remove(string taskId)
    {
        if (_results.Remove(taskId, out var kept))
        {
            _bytes -= kept.Size;
        }
    }

    /// <summary>A result's estimated size in bytes: its output JSON's (<see cref="MessageChunks.JsonBytes"/>, read without a copy) and its error's length.</summary>
    private static long SizeOf(TaskResult result) =>
        (result.Output is { } output ? MessageChunks.JsonBytes(output) : 0) + (result.Error?.Length ?? 0);
}
