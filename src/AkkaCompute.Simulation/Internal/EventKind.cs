namespace AkkaCompute.Simulation.Internal;

/// <summary>The kinds of queued event.</summary>
internal enum EventKind : byte
{
    Start,
    Message,
    Timer,
    FaultTick,
    FaultHeal,
    FaultRestart,
    Action,
}
