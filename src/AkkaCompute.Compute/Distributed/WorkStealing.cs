namespace AkkaCompute.Compute.Distributed;

/// <summary>A node's advertised load and capacity.</summary>
/// <param name="Address">The member address.</param>
/// <param name="Queued">Tasks waiting in its scheduler (not running).</param>
/// <param name="Running">Tasks running on its executors.</param>
/// <param name="Executors">Its executor count (how many tasks it runs at once), 1 or more.</param>
public sealed record NodeLoad(string Address, int Queued, int Running, int Executors)
{
    /// <summary>Executors with nothing to run.</summary>
    public int Free => Math.Max(0, Executors - Running);

    /// <summary>Idle: nothing queued and at least one free executor.</summary>
    public bool Idle => Queued == 0 && Free > 0;
}

/// <summary>A steal: the thief asks the victim for up to <paramref name="Count"/> of its queued (never running) tasks.</summary>
/// <param name="Victim">The member to steal from.</param>
/// <param name="Count">How many queued tasks to ask for, 1 or more.</param>
public sealed record StealDecision(string Victim, int Count);

/// <summary>
/// Work stealing (Blumofe and Leiserson 1999, "Scheduling Multithreaded Computations by Work Stealing"; as Dask's
/// scheduler applies it between workers): Hamming ownership spreads tasks evenly only on average, so an idle node takes
/// queued tasks from the most loaded owner. Only queued tasks move, never running ones, so a stolen task is run once by
/// its new owner, and the task's home learns the new owner.
/// </summary>
public static class WorkStealing
{
    /// <summary>
    /// What <paramref name="thief"/> should steal, or null: it is not idle, or no other node has queued tasks beyond its own
    /// free executors. The victim is the node with the largest backlog (queued minus free executors; ties to the smaller
    /// address); the count is the thief's share of that backlog by executor count,
    /// <c>ceil(backlog * thief.Executors / (thief.Executors + victim.Executors))</c>, capped at <paramref name="maxBatch"/>.
    /// </summary>
    /// <param name="thief">The node that may steal.</param>
    /// <param name="others">The other members' loads.</param>
    /// <param name="maxBatch">The most tasks one steal moves, 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBatch"/> is below 1.</exception>
    public static StealDecision? Plan(NodeLoad thief, IEnumerable<NodeLoad> others, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        if (!thief.Idle)
        {
            return null;
        }

        var victim = others
            .Where(o => !string.Equals(o.Address, thief.Address, StringComparison.Ordinal))
            .Select(o => (Load: o, Backlog: o.Queued - o.Free))
            .Where(x => x.Backlog > 0)
            .OrderByDescending(x => x.Backlog)
            .ThenBy(x => x.Load.Address, StringComparer.Ordinal)
            .FirstOrDefault();
        if (victim.Load is null)
        {
            return null;
        }

        var share = (int)Math.Ceiling(victim.Backlog * (double)thief.Executors / (thief.Executors + victim.Load.Executors));
        return new StealDecision(victim.Load.Address, Math.Clamp(share, 1, maxBatch));
    }
}
