using AkkaCompute.Simulation.Internal;

namespace AkkaCompute.Simulation;

/// <summary>
/// How the simulated network treats every message copy. Per send, in this order: a send to a
/// node that is down is dropped; a send over a cut link is dropped; the message is lost with
/// <see cref="LossProbability"/>; otherwise it is duplicated with
/// <see cref="DuplicationProbability"/> (two copies); each copy gets its own latency from
/// <see cref="LinkLatency"/> or <see cref="Latency"/>, plus, with
/// <see cref="ReorderProbability"/>, an extra uniform delay up to <see cref="ReorderDelayMsMax"/>.
/// On arrival a copy is dropped if its link is cut then or its target incarnation is gone.
/// The default is a perfect network with 1-5 ms latency.
/// </summary>
public sealed record NetworkOptions
{
    /// <summary>The latency of every link that <see cref="LinkLatency"/> does not override. Default: 1 ms + uniform 0..4 ms.</summary>
    public LatencyDistribution Latency { get; init; } = new();

    /// <summary>
    /// Optional per-link latency, called once per send with (from, to); return null to use
    /// <see cref="Latency"/>. Must be deterministic. Default null (every link uses <see cref="Latency"/>).
    /// A returned distribution that is invalid fails the run with an <see cref="ArgumentException"/>.
    /// </summary>
    public Func<NodeId, NodeId, LatencyDistribution?>? LinkLatency { get; init; }

    /// <summary>The probability, 0 to 1, that a send is lost. Default 0.</summary>
    public double LossProbability { get; init; }

    /// <summary>The probability, 0 to 1, that a send that was not lost arrives twice (two independent latencies). Default 0.</summary>
    public double DuplicationProbability { get; init; }

    /// <summary>The probability, 0 to 1, that a message copy gets an extra delay (which reorders it against later sends). Default 0.</summary>
    public double ReorderProbability { get; init; }

    /// <summary>The upper bound, in ms, of the extra uniform delay given to reordered copies; finite and &gt;= 0. Default 50.</summary>
    public double ReorderDelayMsMax { get; init; } = 50.0;

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names the key (e.g. <c>Network.LossProbability</c>), the value and the constraint.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Latency, "Network.Latency");
        Latency.Validate("Network.Latency");
        OptionCheck.Probability("Network.LossProbability", LossProbability);
        OptionCheck.Probability("Network.DuplicationProbability", DuplicationProbability);
        OptionCheck.Probability("Network.ReorderProbability", ReorderProbability);
        OptionCheck.NonNegative("Network.ReorderDelayMsMax", ReorderDelayMsMax);
        if (ReorderDelayMsMax > SimulationLimits.DelayMax.TotalMilliseconds)
        {
            throw OptionCheck.Fail("Network.ReorderDelayMsMax", ReorderDelayMsMax, "must be <= 365 days in ms");
        }
    }
}
