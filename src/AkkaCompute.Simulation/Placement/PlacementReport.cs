namespace AkkaCompute.Simulation.Placement;

/// <summary>The outcome of one placement run (<see cref="PlacementRun.Run"/>).</summary>
public sealed record PlacementReport
{
    /// <summary>The run seed; <c>akc sim --seed Seed</c> replays it.</summary>
    public required long Seed { get; init; }

    /// <summary>The options the run used.</summary>
    public required PlacementOptions Options { get; init; }

    /// <summary>True when no checker failed and every acknowledged task finished within the liveness bound.</summary>
    public bool Ok => Violation is null;

    /// <summary>The property the run broke, or null.</summary>
    public PlacementViolationKind? Violation { get; init; }

    /// <summary>What broke, naming the task and node; null when ok.</summary>
    public string? ViolationMessage { get; init; }

    /// <summary>The simulator step at which a safety checker failed; null for an end-of-run finding (lost or unfinished tasks) or when ok.</summary>
    public long? FailureStep { get; init; }

    /// <summary>Tasks the clients submitted.</summary>
    public required int Submitted { get; init; }

    /// <summary>Tasks acknowledged to the clients (stored by a majority).</summary>
    public required int Acknowledged { get; init; }

    /// <summary>Acknowledged tasks whose result reached the client.</summary>
    public required int Finished { get; init; }

    /// <summary>Tasks whose submission failed (home crashed or downed before taking the batch); the client was told.</summary>
    public required int Rejected { get; init; }

    /// <summary>Results the client received again (same result; a successor home committed it again), counted and dropped.</summary>
    public required int DuplicateDeliveries { get; init; }

    /// <summary>Protocol counters (runs, retries, hand-offs, steals, takeovers, downs, leaves, duplicate results).</summary>
    public required PlacementStats Stats { get; init; }

    /// <summary>Whether the liveness phase converged (every acknowledged task finished).</summary>
    public required bool Converged { get; init; }

    /// <summary>Virtual time from the heal until every acknowledged task had finished; null if it never did.</summary>
    public TimeSpan? ConvergenceTime { get; init; }

    /// <summary>Simulator steps run.</summary>
    public required long Steps { get; init; }

    /// <summary>Virtual time at the end of the run.</summary>
    public required TimeSpan VirtualTime { get; init; }

    /// <summary>The simulator's trace hash: equal seeds and options give equal hashes.</summary>
    public required ulong TraceHash { get; init; }

    /// <summary>Network and fault totals.</summary>
    public required SimulationCounters Counters { get; init; }

    /// <summary>The faults applied (random and scripted), as <c>time step description</c>, oldest first.</summary>
    public required IReadOnlyList<string> Faults { get; init; }

    /// <summary>The last <see cref="PlacementOptions.TraceCapacity"/> protocol events before the end (or the failure), oldest first.</summary>
    public required IReadOnlyList<string> Trace { get; init; }
}
