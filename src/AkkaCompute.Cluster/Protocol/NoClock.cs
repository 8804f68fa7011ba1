namespace AkkaCompute.Cluster.Protocol;

/// <summary>
/// A <see cref="TimeProvider"/> that refuses to tell the time: the failure detectors of <see cref="ClusterCore"/> are only ever given
/// explicit timestamps, and this makes an accidental read of a clock fail loudly instead of mixing time bases.
/// </summary>
internal sealed class NoClock : TimeProvider
{
    public static NoClock Instance { get; } = new();

    public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("ClusterCore passes explicit times; no clock may be read.");

    public override long GetTimestamp() => throw new InvalidOperationException("ClusterCore passes explicit times; no clock may be read.");
}
