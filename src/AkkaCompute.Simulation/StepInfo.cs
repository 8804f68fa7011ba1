namespace AkkaCompute.Simulation;

/// <summary>
/// What one step did, passed to every step hook (checker) after the step ran. A plain value:
/// building it allocates nothing.
/// </summary>
/// <param name="Step">The step number, 1 for the first event processed.</param>
/// <param name="Time">The virtual time at which the step ran.</param>
/// <param name="Kind">What the step did.</param>
/// <param name="From">The sender of a message, the node of a timer or start, or <see cref="NodeId.None"/>.</param>
/// <param name="To">The target of a message, the node of a timer or start, or <see cref="NodeId.None"/>.</param>
/// <param name="Seq">The event's sequence number: the order in which it was scheduled, unique in the run.</param>
/// <param name="DropReason">Why a message was dropped, for <see cref="StepKind.MessageDropped"/>; otherwise <see cref="Simulation.DropReason.None"/>.</param>
public readonly record struct StepInfo(long Step, TimeSpan Time, StepKind Kind, NodeId From, NodeId To, long Seq, DropReason DropReason);
