namespace AkkaCompute.Simulation.Placement;

/// <summary>
/// Thrown by the placement checkers when a run breaks a property; the simulator wraps it in a
/// <see cref="SimulationFailureException"/> carrying the seed and step.
/// </summary>
public sealed class PlacementViolationException : Exception
{
    /// <summary>Creates the violation.</summary>
    /// <param name="kind">The property that was broken.</param>
    /// <param name="message">What happened, naming the task and node.</param>
    public PlacementViolationException(PlacementViolationKind kind, string message)
        : base(kind + ": " + message)
    {
        Kind = kind;
    }

    /// <summary>The property that was broken.</summary>
    public PlacementViolationKind Kind { get; }
}
