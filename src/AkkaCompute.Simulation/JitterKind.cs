namespace AkkaCompute.Simulation;

/// <summary>The shape of the random part of a link's latency (see <see cref="LatencyDistribution"/>).</summary>
public enum JitterKind
{
    /// <summary>Uniform between 0 and <see cref="LatencyDistribution.JitterMs"/>.</summary>
    Uniform = 0,

    /// <summary>Exponential with mean <see cref="LatencyDistribution.JitterMs"/> (a long tail; capped by <see cref="LatencyDistribution.MaxMs"/>).</summary>
    Exponential = 1,
}
