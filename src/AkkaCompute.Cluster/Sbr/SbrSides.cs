using System.Collections.Immutable;

namespace AkkaCompute.Cluster.Sbr;

/// <summary>
/// The member queries a <see cref="DowningStrategy"/> decides from: the view split into this side (reachable) and the other side
/// (unreachable), filtered by role, in the strategy's order. Mirrors Akka's <c>DowningStrategy</c> member helpers.
/// </summary>
internal sealed class SbrSides
{
    public SbrSides(SbrView view, ImmutableSortedSet<UniqueAddress> unreachable, Reachability reachability, string? role, IComparer<Member> ordering)
    {
        View = view;
        Unreachable = unreachable;
        Reachability = reachability;
        Role = role;
        AllMembers = view.Members.Where(m => m.Status != MemberStatus.Removed).OrderBy(m => m, ordering).ToImmutableArray();
    }

    public SbrView View { get; }

    /// <summary>The unreachable nodes (may include Joining, WeaklyUp and Down members).</summary>
    public ImmutableSortedSet<UniqueAddress> Unreachable { get; }

    /// <summary>The reachability records that are Unreachable or Terminated.</summary>
    public Reachability Reachability { get; }

    public string? Role { get; }

    /// <summary>All members, in the strategy's order (address, or age for keep-oldest).</summary>
    public ImmutableArray<Member> AllMembers { get; }

    public bool IsUnreachable(Member m) => Unreachable.Contains(m.UniqueAddress);

    /// <summary>
    /// Members that count: never Down or Exiting; Joining and WeaklyUp only when <paramref name="includingPossiblyUp"/>; Leaving
    /// not when <paramref name="excludingPossiblyExiting"/>; only with <see cref="Role"/> when one is set.
    /// </summary>
    public IEnumerable<Member> MembersWithRole(bool includingPossiblyUp = false, bool excludingPossiblyExiting = false) =>
        AllMembers.Where(m =>
            m.Status is not (MemberStatus.Down or MemberStatus.Exiting) &&
            (includingPossiblyUp || m.Status is not (MemberStatus.Joining or MemberStatus.WeaklyUp)) &&
            !(excludingPossiblyExiting && m.Status == MemberStatus.Leaving) &&
            (string.IsNullOrEmpty(Role) || m.HasRole(Role)));

    public int ReachableCount(bool includingPossiblyUp = false, bool excludingPossiblyExiting = false) =>
        MembersWithRole(includingPossiblyUp, excludingPossiblyExiting).Count(m => !IsUnreachable(m));

    public int UnreachableCount(bool includingPossiblyUp = false, bool excludingPossiblyExiting = false) =>
        MembersWithRole(includingPossiblyUp, excludingPossiblyExiting).Count(IsUnreachable);

    /// <summary>Members that observe someone unreachable and are themselves observed unreachable: a cycle in the unreachability graph.</summary>
    public ImmutableSortedSet<UniqueAddress> IndirectlyConnectedFromIntersection =>
        Reachability.AllObservers.Intersect(Reachability.AllUnreachableOrTerminated);

    /// <summary>Both ends of every record whose subject has seen the current gossip (so it is in contact through someone).</summary>
    public ImmutableSortedSet<UniqueAddress> IndirectlyConnectedFromSeen =>
        Reachability.Records.Where(r => View.SeenBy.Contains(r.Subject.Address))
            .SelectMany(r => new[] { r.Observer, r.Subject }).ToImmutableSortedSet();

    public ImmutableSortedSet<UniqueAddress> IndirectlyConnected => IndirectlyConnectedFromIntersection.Union(IndirectlyConnectedFromSeen);

    /// <summary>Members that may be downed: every member that is not already Down or Exiting, whatever its role.</summary>
    public ImmutableSortedSet<UniqueAddress> Downable =>
        AllMembers.Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Exiting)).Select(m => m.UniqueAddress).ToImmutableSortedSet();
}
