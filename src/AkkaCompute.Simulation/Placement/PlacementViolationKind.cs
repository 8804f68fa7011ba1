namespace AkkaCompute.Simulation.Placement;

/// <summary>Which property of the placement protocol a run broke.</summary>
public enum PlacementViolationKind
{
    /// <summary>A task the client was told was accepted has no result and no replica on any live member at the end.</summary>
    AckedTaskLost = 0,

    /// <summary>The client received two different results for one task (the recorded winner changed).</summary>
    TwoResults = 1,

    /// <summary>A node started a task or recorded a result after it learnt the split-brain resolver had downed it.</summary>
    RunAfterDowned = 2,

    /// <summary>After the faults stopped and the network healed, an acknowledged task did not finish within the liveness bound.</summary>
    NotFinished = 3,

    /// <summary>The simulated protocol itself threw (a bug in the model or in a pure function it calls).</summary>
    Crashed = 4,
}
