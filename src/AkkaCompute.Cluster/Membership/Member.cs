using System.Collections.Immutable;
using AkkaCompute.Actors;

namespace AkkaCompute.Cluster;

/// <summary>
/// One member of the cluster, as Akka's <c>Member</c>: its <see cref="UniqueAddress"/>, lifecycle <see cref="Status"/>,
/// <see cref="Roles"/>, <see cref="UpNumber"/> (age) and optional <see cref="AppVersion"/>. Immutable; changes return a new member.
/// </summary>
/// <remarks>
/// As in Akka, equality, hashing and <see cref="CompareTo"/> use the <see cref="UniqueAddress"/> only: two values describing
/// the same node in different statuses are equal, which is what lets a sorted member set hold one entry per node. Use
/// <see cref="HasSameState"/> to compare status and up-number too.
/// </remarks>
public sealed class Member : IComparable<Member>, IEquatable<Member>
{
    /// <summary>The <see cref="UpNumber"/> of a member that has never been Up (or WeaklyUp promoted): <see cref="int.MaxValue"/>.</summary>
    public const int NotUp = int.MaxValue;

    private static readonly ImmutableSortedSet<string> NoRoles = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    private Member(UniqueAddress uniqueAddress, MemberStatus status, ImmutableSortedSet<string> roles, int upNumber, string? appVersion)
    {
        UniqueAddress = uniqueAddress;
        Status = status;
        Roles = roles;
        UpNumber = upNumber;
        AppVersion = appVersion;
    }

    /// <summary>Orders members by <see cref="UniqueAddress"/> (address, then uid): the order of a gossip's member set.</summary>
    public static IComparer<Member> Ordering { get; } = Comparer<Member>.Create(static (a, b) => a.UniqueAddress.CompareTo(b.UniqueAddress));

    /// <summary>Orders members oldest first (see <see cref="IsOlderThan"/>); equal members compare 0.</summary>
    public static IComparer<Member> AgeOrdering { get; } = Comparer<Member>.Create(static (a, b) =>
        a.Equals(b) ? 0 : a.IsOlderThan(b) ? -1 : 1);

    /// <summary>The node's identity.</summary>
    public UniqueAddress UniqueAddress { get; }

    /// <summary>The node's address (<see cref="UniqueAddress"/> without the uid).</summary>
    public Address Address => UniqueAddress.Address;

    /// <summary>The lifecycle status.</summary>
    public MemberStatus Status { get; }

    /// <summary>The node's roles (ordinal order), e.g. <c>compute</c>, <c>frontend</c>; possibly empty.</summary>
    public ImmutableSortedSet<string> Roles { get; }

    /// <summary>
    /// The order in which the leader moved members to <see cref="MemberStatus.Up"/> (1, 2, 3, ...), used for age: a lower number is
    /// older. <see cref="NotUp"/> until the member is Up. Numbers of removed members may be reused; only live members are compared.
    /// </summary>
    public int UpNumber { get; }

    /// <summary>The application version the node runs (free text such as <c>1.4.2</c>), or null when not given. Informational only.</summary>
    public string? AppVersion { get; }

    /// <summary>
    /// Creates a member. A joining node is <c>Create(address)</c>; tests and simulators may create any status directly.
    /// </summary>
    /// <param name="uniqueAddress">The node's identity.</param>
    /// <param name="status">The status; default <see cref="MemberStatus.Joining"/>.</param>
    /// <param name="roles">The roles; null means none. Each must be non-empty and have no whitespace.</param>
    /// <param name="upNumber">The age rank, at least 1; default <see cref="NotUp"/>.</param>
    /// <param name="appVersion">The application version, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="uniqueAddress"/> is null.</exception>
    /// <exception cref="ArgumentException">A role is empty or contains whitespace.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="upNumber"/> is below 1, or <paramref name="status"/> is undefined.</exception>
    public static Member Create(
        UniqueAddress uniqueAddress,
        MemberStatus status = MemberStatus.Joining,
        IEnumerable<string>? roles = null,
        int upNumber = NotUp,
        string? appVersion = null)
    {
        ArgumentNullException.ThrowIfNull(uniqueAddress);
        MemberStatusTransitions.Rank(status);
        ArgumentOutOfRangeException.ThrowIfLessThan(upNumber, 1);
        var set = NoRoles;
        if (roles is not null)
        {
            foreach (var role in roles)
            {
                if (string.IsNullOrEmpty(role) || role.Any(char.IsWhiteSpace))
                {
                    throw new ArgumentException($"role '{role}' must be non-empty and contain no whitespace", nameof(roles));
                }

                set = set.Add(role);
            }
        }

        return new Member(uniqueAddress, status, set, upNumber, appVersion);
    }

    /// <summary>A placeholder for a node that is not (or no longer) a member: status <see cref="MemberStatus.Removed"/>, no roles.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="uniqueAddress"/> is null.</exception>
    public static Member Removed(UniqueAddress uniqueAddress) => Create(uniqueAddress, MemberStatus.Removed);

    /// <summary>A lookup key for <paramref name="uniqueAddress"/> in a member set (equality uses the address only).</summary>
    internal static Member Probe(UniqueAddress uniqueAddress) => new(uniqueAddress, MemberStatus.Removed, NoRoles, NotUp, null);

    /// <summary>
    /// This member with <paramref name="status"/>. Returns this member when the status is unchanged.
    /// </summary>
    /// <exception cref="InvalidOperationException">The move is not allowed by <see cref="MemberStatusTransitions.IsAllowed"/>, e.g. Down -&gt; Up.</exception>
    public Member Copy(MemberStatus status)
    {
        if (status == Status)
        {
            return this;
        }

        if (!MemberStatusTransitions.IsAllowed(Status, status))
        {
            throw new InvalidOperationException($"Invalid member status transition {Status} -> {status} for {UniqueAddress}");
        }

        return new Member(UniqueAddress, status, Roles, UpNumber, AppVersion);
    }

    /// <summary>This member moved to <see cref="MemberStatus.Up"/> with age rank <paramref name="upNumber"/> (the leader's action).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="upNumber"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">The member cannot move to Up from its status (only Joining, WeaklyUp and Up can).</exception>
    public Member CopyUp(int upNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(upNumber, 1);
        return new Member(UniqueAddress, Status, Roles, upNumber, AppVersion).Copy(MemberStatus.Up);
    }

    /// <summary>True when the member has <paramref name="role"/> (ordinal comparison).</summary>
    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>
    /// True when this member is older than <paramref name="other"/>: a lower <see cref="UpNumber"/>, or on equal numbers the lower
    /// <see cref="UniqueAddress"/> (as Akka's <c>IsOlderThan</c>, which breaks ties by address).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public bool IsOlderThan(Member other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return UpNumber == other.UpNumber
            ? UniqueAddress.CompareTo(other.UniqueAddress) < 0
            : UpNumber < other.UpNumber;
    }

    /// <summary>True when <paramref name="other"/> describes the same node with the same status and up-number.</summary>
    public bool HasSameState(Member? other) =>
        other is not null && Equals(other) && Status == other.Status && UpNumber == other.UpNumber;

    /// <summary>
    /// Of two versions of the same node, the one whose status wins a gossip merge, as Akka's <c>Member.HighestPriorityOf</c>:
    /// Removed &gt; Down &gt; Exiting &gt; Leaving &gt; Up &gt; WeaklyUp &gt; Joining (the later lifecycle status wins); on equal status the older
    /// (<see cref="IsOlderThan"/>) wins.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Member HighestPriorityOf(Member m1, Member m2)
    {
        ArgumentNullException.ThrowIfNull(m1);
        ArgumentNullException.ThrowIfNull(m2);
        if (m1.Status == m2.Status)
        {
            return m1.IsOlderThan(m2) ? m1 : m2;
        }

        return m1.Status > m2.Status ? m1 : m2;
    }

    /// <inheritdoc />
    public int CompareTo(Member? other) => other is null ? 1 : UniqueAddress.CompareTo(other.UniqueAddress);

    /// <summary>True when <paramref name="other"/> is the same node (same <see cref="UniqueAddress"/>), whatever its status.</summary>
    public bool Equals(Member? other) => other is not null && UniqueAddress.Equals(other.UniqueAddress);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Member m && Equals(m);

    /// <inheritdoc />
    public override int GetHashCode() => UniqueAddress.GetHashCode();

    /// <summary>E.g. <c>Member(akc.tcp://sys@h:1#7, Up, up=3, roles=[compute])</c>.</summary>
    public override string ToString()
    {
        var up = UpNumber == NotUp ? "-" : UpNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var version = AppVersion is null ? "" : $", version={AppVersion}";
        return $"Member({UniqueAddress}, {Status}, up={up}, roles=[{string.Join(",", Roles)}]{version})";
    }
}
