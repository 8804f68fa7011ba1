using System.Collections.Immutable;
using System.Text;

namespace AkkaCompute.Cluster;

/// <summary>
/// The cluster state that members gossip to each other, as Akka's <c>Gossip</c>: the <see cref="Members"/> (sorted by
/// <see cref="UniqueAddress"/>, one per node, none <see cref="MemberStatus.Removed"/>), the <see cref="Overview"/> (seen set and
/// reachability), the <see cref="Version"/> vector clock and the <see cref="Tombstones"/> of removed members. Immutable: every
/// operation returns a new gossip.
/// </summary>
/// <remarks>
/// A node that changes the gossip stamps it by <see cref="Increment"/>ing its own clock entry (<see cref="VectorClockNode.For"/>)
/// and marks it seen only by itself (<see cref="OnlySeen"/>). Gossips with <see cref="VectorClockOrdering.Concurrent"/> versions are
/// combined with <see cref="Merge(Gossip)"/>; equal versions with <see cref="MergeSeen"/>. Convergence and leadership are in
/// <c>Gossip.Leadership.cs</c>; <see cref="MembershipInvariants"/> checks the structural invariants (Akka's <c>AssertInvariants</c>)
/// on demand, so that building a gossip stays O(1). Instances are immutable and may be shared between threads (the lazily
/// computed reachability cache is idempotent). There is no value equality: compare <see cref="Version"/>s.
/// </remarks>
public sealed partial class Gossip
{
    private static readonly ImmutableSortedDictionary<UniqueAddress, DateTimeOffset> NoTombstones =
        ImmutableSortedDictionary<UniqueAddress, DateTimeOffset>.Empty;

    private Reachability? _reachabilityExcludingDowned;

    private Gossip(
        ImmutableSortedSet<Member> members,
        GossipOverview overview,
        VectorClock version,
        ImmutableSortedDictionary<UniqueAddress, DateTimeOffset> tombstones)
    {
        Members = members;
        Overview = overview;
        Version = version;
        Tombstones = tombstones;
    }

    /// <summary>No members, empty overview, empty clock, no tombstones.</summary>
    public static Gossip Empty { get; } = new([], GossipOverview.Empty, VectorClock.Empty, NoTombstones);

    /// <summary>The members, ordered by <see cref="UniqueAddress"/>.</summary>
    public ImmutableSortedSet<Member> Members { get; }

    /// <summary>The seen set and the reachability table.</summary>
    public GossipOverview Overview { get; }

    /// <summary>The version of this gossip.</summary>
    public VectorClock Version { get; }

    /// <summary>
    /// Members removed by a leader, with the removal time on that leader's clock (as Akka's <c>Gossip.tombstones</c>). A merge
    /// never brings a tombstoned node back from an older gossip and prunes its clock entry; the leader drops tombstones after
    /// <see cref="ClusterSettings.PruneGossipTombstonesAfter"/> (<see cref="PruneTombstones"/>).
    /// </summary>
    public ImmutableSortedDictionary<UniqueAddress, DateTimeOffset> Tombstones { get; }

    /// <summary>The members that have seen this version (<see cref="GossipOverview.Seen"/>).</summary>
    public ImmutableSortedSet<UniqueAddress> SeenBy => Overview.Seen;

    /// <summary>True when there is exactly one member.</summary>
    public bool IsSingletonCluster => Members.Count == 1;

    /// <summary>Every role any member has, ordinal order.</summary>
    public ImmutableSortedSet<string> AllRoles => Members.SelectMany(m => m.Roles).ToImmutableSortedSet(StringComparer.Ordinal);

    /// <summary>
    /// The youngest member: the highest <see cref="Member.UpNumber"/>, a never-Up member counting as 0 (as Akka's
    /// <c>YoungestMember</c>); null when there are no members. The leader numbers newly Up members from it.
    /// </summary>
    public Member? YoungestMember
    {
        get
        {
            Member? youngest = null;
            var best = -1;
            foreach (var m in Members)
            {
                var n = m.UpNumber == Member.NotUp ? 0 : m.UpNumber;
                if (n > best)
                {
                    best = n;
                    youngest = m;
                }
            }

            return youngest;
        }
    }

    /// <summary>
    /// The reachability table without the observations of <see cref="MemberStatus.Down"/> members (a downed node's opinion no longer
    /// counts). Computed once per gossip.
    /// </summary>
    public Reachability ReachabilityExcludingDownedObservers =>
        _reachabilityExcludingDowned ??= Overview.Reachability.IsAllReachable
            ? Overview.Reachability
            : Overview.Reachability.RemoveObservers(Members.Where(m => m.Status == MemberStatus.Down).Select(m => m.UniqueAddress));

    /// <summary>Builds a gossip from members in any order.</summary>
    /// <param name="members">The members; one per <see cref="UniqueAddress"/>, none Removed.</param>
    /// <param name="overview">The overview; default <see cref="GossipOverview.Empty"/>.</param>
    /// <param name="version">The version; default <see cref="VectorClock.Empty"/>.</param>
    /// <param name="tombstones">The tombstones; default none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="members"/> is null.</exception>
    /// <exception cref="ArgumentException">Two members have the same unique address, or a member is Removed.</exception>
    public static Gossip Create(
        IEnumerable<Member> members,
        GossipOverview? overview = null,
        VectorClock? version = null,
        IEnumerable<KeyValuePair<UniqueAddress, DateTimeOffset>>? tombstones = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        var builder = ImmutableSortedSet.CreateBuilder<Member>();
        foreach (var m in members)
        {
            ArgumentNullException.ThrowIfNull(m, nameof(members));
            if (m.Status == MemberStatus.Removed)
            {
                throw new ArgumentException($"{m} is Removed; removed members are not kept in a gossip", nameof(members));
            }

            if (!builder.Add(m))
            {
                throw new ArgumentException($"{m.UniqueAddress} appears twice", nameof(members));
            }
        }

        return new Gossip(
            builder.ToImmutable(),
            overview ?? GossipOverview.Empty,
            version ?? VectorClock.Empty,
            tombstones?.ToImmutableSortedDictionary() ?? NoTombstones);
    }

    /// <summary>This gossip with the given parts replaced (null keeps the current one). Does not validate; see <see cref="MembershipInvariants"/>.</summary>
    public Gossip Copy(
        ImmutableSortedSet<Member>? members = null,
        GossipOverview? overview = null,
        VectorClock? version = null,
        ImmutableSortedDictionary<UniqueAddress, DateTimeOffset>? tombstones = null)
    {
        var copy = new Gossip(members ?? Members, overview ?? Overview, version ?? Version, tombstones ?? Tombstones);
        if (ReferenceEquals(copy.Members, Members) && ReferenceEquals(copy.Overview.Reachability, Overview.Reachability))
        {
            copy._reachabilityExcludingDowned = _reachabilityExcludingDowned;
        }

        return copy;
    }

    /// <summary>This gossip with <paramref name="node"/>'s clock entry advanced by one.</summary>
    /// <exception cref="OverflowException">The entry is at <see cref="long.MaxValue"/>.</exception>
    public Gossip Increment(VectorClockNode node) => Copy(version: Version.Increment(node));

    /// <summary>This gossip with <paramref name="member"/> added; unchanged when a member with its unique address exists.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="member"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="member"/> is Removed.</exception>
    public Gossip AddMember(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Status == MemberStatus.Removed)
        {
            throw new ArgumentException($"{member} is Removed and cannot be added", nameof(member));
        }

        return Members.Contains(member) ? this : Copy(members: Members.Add(member));
    }

    /// <summary>
    /// This gossip with the existing member of the same unique address replaced by <paramref name="member"/> (status, roles and
    /// up-number taken from it).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="member"/> is null.</exception>
    /// <exception cref="ArgumentException">No member has that unique address, or <paramref name="member"/> is Removed.</exception>
    public Gossip UpdateMember(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Status == MemberStatus.Removed || !Members.Contains(member))
        {
            throw new ArgumentException($"{member} is not a live member of this gossip", nameof(member));
        }

        return Copy(members: Members.Remove(member).Add(member));
    }

    /// <summary>This gossip marked as seen by <paramref name="node"/> (unchanged if it already was).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public Gossip Seen(UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return SeenByNode(node) ? this : Copy(overview: Overview with { Seen = Overview.Seen.Add(node) });
    }

    /// <summary>This gossip marked as seen by <paramref name="node"/> only (what a node does after changing the gossip).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public Gossip OnlySeen(UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Copy(overview: Overview with { Seen = [node] });
    }

    /// <summary>This gossip seen by nobody.</summary>
    public Gossip ClearSeen() => Overview.Seen.IsEmpty ? this : Copy(overview: Overview with { Seen = [] });

    /// <summary>True when <paramref name="node"/> has seen this version.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public bool SeenByNode(UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Overview.Seen.Contains(node);
    }

    /// <summary>This gossip with the union of both seen sets; meant for two gossips with the <see cref="VectorClockOrdering.Same"/> version.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="that"/> is null.</exception>
    public Gossip MergeSeen(Gossip that)
    {
        ArgumentNullException.ThrowIfNull(that);
        return Copy(overview: Overview with { Seen = Overview.Seen.Union(that.Overview.Seen) });
    }

    /// <summary>True when <paramref name="node"/> is a member.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public bool HasMember(UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Members.Contains(Member.Probe(node));
    }

    /// <summary>Looks up the member for <paramref name="node"/>; O(log n).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public bool TryGetMember(UniqueAddress node, out Member member)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Members.TryGetValue(Member.Probe(node), out member!);
    }

    /// <summary>The member for <paramref name="node"/>, or a <see cref="Member.Removed"/> placeholder when it is not a member (as Akka).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public Member GetMember(UniqueAddress node) => TryGetMember(node, out var m) ? m : Member.Removed(node);

    /// <summary>True when <paramref name="to"/> is a member and <paramref name="from"/> records it as reachable.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public bool IsReachable(UniqueAddress from, UniqueAddress to) => HasMember(to) && Overview.Reachability.IsReachable(from, to);

    /// <summary>The members, overview and version, on one line.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("Gossip(members=[");
        sb.AppendJoin(", ", Members).Append("], ").Append(Overview).Append(", ").Append(Version);
        if (!Tombstones.IsEmpty)
        {
            sb.Append(", tombstones=[").AppendJoin(", ", Tombstones.Keys).Append(']');
        }

        sb.Append(')');
        return sb.ToString();
    }
}
