namespace AkkaCompute.Cluster;

/// <summary>The causal relation of one <see cref="VectorClock"/> to another, as returned by <see cref="VectorClock.Compare"/>.</summary>
public enum VectorClockOrdering
{
    /// <summary>Every entry is equal: the same version.</summary>
    Same,

    /// <summary>This clock happened before the other: no entry is greater and at least one is smaller.</summary>
    Before,

    /// <summary>This clock happened after the other: no entry is smaller and at least one is greater.</summary>
    After,

    /// <summary>Neither happened before the other: some entry is greater and some is smaller (conflicting versions that must be merged).</summary>
    Concurrent,
}
