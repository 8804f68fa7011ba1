namespace AkkaCompute.Compute.Distributed;

/// <summary>
/// Results once (DESIGN.md, "Results once"): execution is at-least-once, the recorded result exactly-once by task id.
/// The first terminal result recorded for a task wins; later ones are dropped and counted in <see cref="Duplicates"/>.
/// Not thread-safe (one owner: an actor or a simulated node).
/// </summary>
public sealed class ResultLedger
{
    private readonly Dictionary<string, string> _winners = new(StringComparer.Ordinal);

    /// <summary>Results dropped because their task already had one.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Tasks with a recorded result.</summary>
    public int Count => _winners.Count;

    /// <summary>Records the result of <paramref name="taskId"/> produced by <paramref name="producer"/> unless one is recorded already.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="producer">Who produced it (a member address), kept for diagnostics.</param>
    /// <returns>True when this result is the recorded one; false when it was dropped as a duplicate.</returns>
    public bool TryRecord(string taskId, string producer)
    {
        if (_winners.TryAdd(taskId, producer))
        {
            return true;
        }

        Duplicates++;
        return false;
    }

    /// <summary>The producer of the recorded result, or null when the task has none.</summary>
    public string? WinnerOf(string taskId) => _winners.GetValueOrDefault(taskId);
}
