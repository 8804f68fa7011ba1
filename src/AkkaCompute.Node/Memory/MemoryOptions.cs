using AkkaCompute.Compute.Memory;

namespace AkkaCompute.Node.Memory;

/// <summary>What a <see cref="MemoryActor"/> needs: its limits, its timeout and its clock.</summary>
public sealed record MemoryOptions
{
    /// <summary>Value, total and per-client limits. Default <see cref="MemoryLimits.Default"/>.</summary>
    public MemoryLimits Limits { get; init; } = MemoryLimits.Default;

    /// <summary>How long a majority or all read or write waits for the other members. Default 5 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock entries are stamped with. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
