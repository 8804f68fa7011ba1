namespace AkkaCompute.Cluster;

/// <summary>
/// The key of one entry in a <see cref="VectorClock"/>: a name that identifies the node that increments it. Ordered and compared
/// ordinally by <see cref="Name"/>, so every node sorts entries the same way whatever its culture or process.
/// </summary>
/// <param name="Name">The node's name; for a cluster member it is <see cref="For"/>'s <c>address-uid</c>. Must not be null.</param>
public readonly record struct VectorClockNode(string Name) : IComparable<VectorClockNode>
{
    /// <summary>
    /// The clock key of a cluster member: <c>{address}-{uid}</c>, as Akka's <c>ClusterCoreDaemon.VclockName</c> (Akka then hashes it
    /// with MD5 to shorten the wire form; here the readable name is kept).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public static VectorClockNode For(UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new VectorClockNode(node.Address + "-" + node.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Ordinal comparison of the names.</summary>
    public int CompareTo(VectorClockNode other) => string.CompareOrdinal(Name, other.Name);

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
