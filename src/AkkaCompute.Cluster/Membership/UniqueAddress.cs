using AkkaCompute.Actors;

namespace AkkaCompute.Cluster;

/// <summary>
/// A node's identity in the cluster: its <see cref="Actors.Address"/> plus the <see cref="Uid"/> of one incarnation of
/// the actor system at that address (as Akka's <c>UniqueAddress</c>). A node restarted on the same host and port gets a new
/// uid and is a different member; the old incarnation must be downed and removed before the new one may join.
/// </summary>
/// <remarks>
/// Ordered by <see cref="Address"/> (protocol, system, host, port; see <see cref="Actors.Address.CompareTo"/>), then by
/// <see cref="Uid"/>. This order decides leadership and split-brain tie-breaks, so every node must use the same one.
/// Equality is value equality of both parts.
/// </remarks>
/// <param name="Address">The node's actor system address; must not be null.</param>
/// <param name="Uid">The incarnation's identifier, chosen at random when the actor system starts (any 64-bit value).</param>
public sealed record UniqueAddress(Address Address, long Uid) : IComparable<UniqueAddress>
{
    /// <summary>Orders by address, then uid. A null <paramref name="other"/> sorts first (this compares greater).</summary>
    public int CompareTo(UniqueAddress? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (ReferenceEquals(this, other))
        {
            return 0;
        }

        var c = Address.CompareTo(other.Address);
        return c != 0 ? c : Uid.CompareTo(other.Uid);
    }

    /// <summary>The text form <c>address#uid</c>, e.g. <c>akc.tcp://sys@10.0.0.1:2552#42</c>.</summary>
    public override string ToString() => $"{Address}#{Uid}";
}
