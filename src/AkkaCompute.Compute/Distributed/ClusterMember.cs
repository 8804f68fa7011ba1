namespace AkkaCompute.Compute.Distributed;

/// <summary>
/// A member as the ownership rules see it: its address and roles. Which members count is the caller's view: Up members,
/// including unreachable ones that are not yet downed (so that views differing only in reachability agree).
/// </summary>
/// <param name="Address">The member's address, <c>akka.tcp://system@host:port</c>; ties between equal distances go to the ordinally smaller one.</param>
/// <param name="Roles">The member's roles (<c>akka.cluster.roles</c>), compared ordinally.</param>
public sealed record ClusterMember(string Address, IReadOnlySet<string> Roles)
{
    private byte[]? _point;

    /// <summary>A member with no roles.</summary>
    public ClusterMember(string address)
        : this(address, new HashSet<string>(StringComparer.Ordinal))
    {
    }

    /// <summary>SHA-256 of <see cref="Address"/> (32 bytes), computed once.</summary>
    internal byte[] Point => _point ??= TaskHash.MemberPoint(Address);

    /// <summary>True when the member has every role in <paramref name="required"/> (an empty list always matches).</summary>
    public bool HasRoles(IReadOnlyList<string> required) => required.All(Roles.Contains);

    /// <summary>Equal when the addresses are equal (ordinal) and the role sets hold the same roles.</summary>
    public bool Equals(ClusterMember? other) =>
        other is not null && string.Equals(Address, other.Address, StringComparison.Ordinal) && Roles.SetEquals(other.Roles);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Address);
}
