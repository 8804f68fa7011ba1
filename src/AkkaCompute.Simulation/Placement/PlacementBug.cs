namespace AkkaCompute.Simulation.Placement;

/// <summary>
/// A deliberately broken variant of the placement protocol, to prove that the checkers can fail. Never used outside tests
/// and <c>akc sim --bug</c>.
/// </summary>
public enum PlacementBug
{
    /// <summary>The protocol as the real nodes implement it.</summary>
    None = 0,

    /// <summary>
    /// The home acknowledges a batch to the client as soon as it accepts it, before a majority stored it (replication still
    /// runs in the background). A home cut off in a minority then acknowledges tasks that die with it: caught as
    /// <see cref="PlacementViolationKind.AckedTaskLost"/>.
    /// </summary>
    AckBeforeReplication = 1,

    /// <summary>
    /// A node that learnt it was downed by the split-brain resolver keeps running its queued tasks and recording results
    /// until it is stopped: caught as <see cref="PlacementViolationKind.RunAfterDowned"/>.
    /// </summary>
    RunAfterDowned = 2,
}
