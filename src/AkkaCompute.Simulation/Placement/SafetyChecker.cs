namespace AkkaCompute.Simulation.Placement;

/// <summary>
/// The safety checkers. Nodes and the client ledger report events as they happen (O(1) each); the first violation is kept
/// and thrown by the step hook at the end of that step, so the simulator reports it with the seed and step.
/// </summary>
internal sealed class SafetyChecker
{
    private PlacementViolationException? pending;

    /// <summary>A node starts a run: it must not know it was downed.</summary>
    public void Started(PlacementNode node, string taskId)
    {
        if (node.KnowsDowned)
        {
            Fail(PlacementViolationKind.RunAfterDowned, $"{node.Address} started {taskId} after it learnt it was downed");
        }
    }

    /// <summary>A home records a result: it must not know it was downed.</summary>
    public void Recorded(PlacementNode node, string taskId)
    {
        if (node.KnowsDowned)
        {
            Fail(PlacementViolationKind.RunAfterDowned, $"{node.Address} recorded a result for {taskId} after it learnt it was downed");
        }
    }

    public void Fail(PlacementViolationKind kind, string message) => pending ??= new PlacementViolationException(kind, message);

    /// <summary>The step hook: throws the first violation found during the step.</summary>
    public void AfterStep(StepInfo info)
    {
        if (pending is { } violation)
        {
            throw violation;
        }
    }
}
