namespace AkkaCompute.Simulation.Internal;

/// <summary>
/// A small, fast, seeded pseudo-random generator (Steele, Lea and Flood's SplitMix64) whose
/// output is fixed by this code, not by the runtime version: the simulator's own streams
/// (network, faults, uids) stay reproducible across .NET releases.
/// </summary>
internal sealed class SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong state;

    public SplitMix64(ulong seed) => state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => Mix(state += Gamma);

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An int in [0, maxExclusive); maxExclusive must be &gt; 0 (multiply-shift, bias below 2^-32).</summary>
    public int NextInt(int maxExclusive) => (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);

    /// <summary>An exponential sample with the given mean.</summary>
    public double NextExponential(double mean) => -Math.Log(1.0 - NextDouble()) * mean;

    /// <summary>The SplitMix64 finalizer: a bijective 64-bit mix.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Derives an independent seed for one stream (and one index within it) from the run seed.</summary>
    public static ulong Derive(long seed, ulong stream, ulong index) =>
        Mix(Mix(Mix((ulong)seed + Gamma) ^ (stream * Gamma)) + (index * 0xD1B54A32D192ED03UL));
}
