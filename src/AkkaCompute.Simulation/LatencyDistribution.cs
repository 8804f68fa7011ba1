using AkkaCompute.Simulation.Internal;

namespace AkkaCompute.Simulation;

/// <summary>
/// The one-way latency of a link, in milliseconds of virtual time:
/// <c>min(BaseMs + jitter, MaxMs)</c>, where jitter is drawn per message copy from
/// <see cref="Jitter"/>. The default is 1 ms plus uniform 0..4 ms jitter, capped at 1,000 ms.
/// Latencies are truncated to whole ticks (100 ns).
/// </summary>
public sealed record LatencyDistribution
{
    /// <summary>The fixed part, in ms; finite and &gt;= 0. Default 1.</summary>
    public double BaseMs { get; init; } = 1.0;

    /// <summary>The jitter scale, in ms: the upper bound for <see cref="JitterKind.Uniform"/>, the mean for <see cref="JitterKind.Exponential"/>; finite and &gt;= 0. Default 4.</summary>
    public double JitterMs { get; init; } = 4.0;

    /// <summary>The jitter's shape. Default <see cref="JitterKind.Uniform"/>.</summary>
    public JitterKind Jitter { get; init; } = JitterKind.Uniform;

    /// <summary>The largest latency, in ms; finite and &gt;= <see cref="BaseMs"/>. Default 1,000. Samples above it are clamped to it.</summary>
    public double MaxMs { get; init; } = 1000.0;

    /// <summary>A fixed latency with no jitter.</summary>
    /// <param name="latencyMs">The latency in ms, finite and &gt;= 0.</param>
    /// <returns>A distribution that always yields <paramref name="latencyMs"/>.</returns>
    public static LatencyDistribution Fixed(double latencyMs) =>
        new() { BaseMs = latencyMs, JitterMs = 0, MaxMs = latencyMs };

    /// <summary>A base latency plus uniform jitter in [0, <paramref name="jitterMs"/>).</summary>
    /// <param name="baseMs">The fixed part in ms, finite and &gt;= 0.</param>
    /// <param name="jitterMs">The jitter's upper bound in ms, finite and &gt;= 0.</param>
    /// <returns>The distribution; its <see cref="MaxMs"/> is <c>baseMs + jitterMs</c>.</returns>
    public static LatencyDistribution Uniform(double baseMs, double jitterMs) =>
        new() { BaseMs = baseMs, JitterMs = jitterMs, Jitter = JitterKind.Uniform, MaxMs = baseMs + jitterMs };

    /// <summary>A base latency plus exponential jitter with the given mean, capped at <paramref name="maxMs"/>.</summary>
    /// <param name="baseMs">The fixed part in ms, finite and &gt;= 0.</param>
    /// <param name="jitterMeanMs">The jitter's mean in ms, finite and &gt;= 0.</param>
    /// <param name="maxMs">The cap in ms, &gt;= <paramref name="baseMs"/>.</param>
    /// <returns>The distribution.</returns>
    public static LatencyDistribution Exponential(double baseMs, double jitterMeanMs, double maxMs) =>
        new() { BaseMs = baseMs, JitterMs = jitterMeanMs, Jitter = JitterKind.Exponential, MaxMs = maxMs };

    /// <summary>Checks every field.</summary>
    /// <param name="key">The option path used in error messages, e.g. <c>Network.Latency</c>.</param>
    /// <exception cref="ArgumentException">A field is out of range; the message names the key, the value and the constraint.</exception>
    public void Validate(string key)
    {
        OptionCheck.NonNegative(key + ".BaseMs", BaseMs);
        OptionCheck.NonNegative(key + ".JitterMs", JitterMs);
        OptionCheck.NonNegative(key + ".MaxMs", MaxMs);
        if (MaxMs < BaseMs)
        {
            throw OptionCheck.Fail(key + ".MaxMs", MaxMs, "must be >= BaseMs (" + BaseMs + ")");
        }

        if (MaxMs > SimulationLimits.DelayMax.TotalMilliseconds)
        {
            throw OptionCheck.Fail(key + ".MaxMs", MaxMs, "must be <= 365 days in ms");
        }

        if (!Enum.IsDefined(Jitter))
        {
            throw OptionCheck.Fail(key + ".Jitter", Jitter, "must be Uniform or Exponential");
        }
    }

    /// <summary>Draws one latency in ticks (100 ns). Draws nothing from the random source when there is no jitter.</summary>
    internal long SampleTicks(SplitMix64 random)
    {
        var ms = BaseMs;
        if (JitterMs > 0)
        {
            var u = random.NextDouble();
            ms += Jitter == JitterKind.Uniform ? u * JitterMs : -Math.Log(1.0 - u) * JitterMs;
            if (ms > MaxMs)
            {
                ms = MaxMs;
            }
        }

        return (long)(ms * TimeSpan.TicksPerMillisecond);
    }
}
