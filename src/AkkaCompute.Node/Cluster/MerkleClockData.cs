using Akka.DistributedData;
using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Node.Cluster;

/// <summary>
/// The merkle clock as Akka.DistributedData replicates it: an <see cref="IReplicatedData{T}"/> around the pure
/// <see cref="MerkleClock"/>, whose merge (pointwise maximum) is the CRDT join, so replicas converge whatever order
/// gossip brings updates in. Serialized by <see cref="ClusterMessageSerializer"/> (manifest <c>akc.clock.v1</c>).
/// </summary>
/// <param name="Clock">The clock.</param>
public sealed record MerkleClockData(MerkleClock Clock) : IReplicatedData<MerkleClockData>
{
    /// <summary>The key every node replicates the clock under: <c>akc-merkle-clock</c>.</summary>
    public static readonly MerkleClockKey Key = new("akc-merkle-clock");

    /// <summary>The empty clock.</summary>
    public static MerkleClockData Empty { get; } = new(MerkleClock.Empty);

    /// <inheritdoc />
    public MerkleClockData Merge(MerkleClockData other) => new(Clock.Merge(other.Clock));

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="other"/> is not a <see cref="MerkleClockData"/>.</exception>
    public IReplicatedData Merge(IReplicatedData other) => other is MerkleClockData clock
        ? Merge(clock)
        : throw new ArgumentException($"cannot merge a merkle clock with {other.GetType()}", nameof(other));
}

/// <summary>The DistributedData key of a <see cref="MerkleClockData"/>.</summary>
/// <param name="id">The key's id.</param>
public sealed class MerkleClockKey(string id) : Key<MerkleClockData>(id);
