namespace AkkaCompute.Simulation;

/// <summary>The hard limits of every simulation, whatever its options.</summary>
public static class SimulationLimits
{
    /// <summary>The most nodes one simulation holds: 100,000.</summary>
    public const int NodeCountMax = 100_000;

    /// <summary>The longest delay a timer, a scheduled action or a latency may have: 365 days of virtual time.</summary>
    public static readonly TimeSpan DelayMax = TimeSpan.FromDays(365);
}
