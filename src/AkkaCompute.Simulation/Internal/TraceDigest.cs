namespace AkkaCompute.Simulation.Internal;

/// <summary>
/// A running 64-bit digest of a run: FNV-1a over 64-bit words, each word pre-mixed with the
/// SplitMix64 finalizer so that every input bit reaches every output bit.
/// </summary>
internal struct TraceDigest
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public ulong Value;

    public static TraceDigest Create() => new() { Value = OffsetBasis };

    public void Add(ulong word) => Value = (Value ^ SplitMix64.Mix(word)) * Prime;
}
