namespace AkkaCompute.Simulation;

/// <summary>What one simulation step (one event taken from the queue) did.</summary>
public enum StepKind
{
    /// <summary>A node incarnation's <see cref="ISimulatedNode{TMessage}.OnStart"/> ran.</summary>
    NodeStarted = 0,

    /// <summary>A message copy reached its target and <see cref="ISimulatedNode{TMessage}.OnMessage"/> ran.</summary>
    MessageDelivered = 1,

    /// <summary>A message copy arrived but was dropped (see <see cref="StepInfo.DropReason"/>).</summary>
    MessageDropped = 2,

    /// <summary>A timer fired and <see cref="ISimulatedNode{TMessage}.OnTimer"/> ran.</summary>
    TimerFired = 3,

    /// <summary>A timer or start event came due for a cancelled timer or an incarnation that is gone; nothing ran.</summary>
    Discarded = 4,

    /// <summary>The random fault schedule acted (injected, healed or restarted), or had nothing to do.</summary>
    Fault = 5,

    /// <summary>An action registered with <see cref="Simulation{TMessage}.Schedule"/> ran.</summary>
    ScheduledAction = 6,
}
