using System.Collections.Immutable;

namespace AkkaCompute.Cluster.Sbr;

/// <summary>
/// A split-brain resolver strategy as a pure function from an <see cref="SbrView"/> to an <see cref="SbrDecision"/>, as Akka's
/// <c>Akka.Cluster.SBR.DowningStrategy</c> (after Lightbend's split brain resolver). Each side of a partition runs the same
/// strategy on its own view; the strategies are built so that at most one side keeps running.
/// </summary>
/// <remarks>
/// Members that count for a side are Up and Leaving members (with the strategy's role, if any); Joining and WeaklyUp members only
/// count in the edge-case re-check (a member may have become Up on the other side without us knowing), where a different answer
/// turns the decision into DownAll. Down and Exiting members never count and are never downed again. Indirectly connected members
/// (unreachable through some links only) are detected from the view's <see cref="SbrView.Reachability"/> and
/// <see cref="SbrView.SeenBy"/> and downed first. Costs O(n log n + r) for n members and r reachability records.
/// </remarks>
public abstract class DowningStrategy
{
    private protected DowningStrategy(string? role) => Role = string.IsNullOrEmpty(role) ? null : role;

    /// <summary>Only members with this role are counted (all members may still be downed); null counts every member.</summary>
    public string? Role { get; }

    /// <summary>The order in which "first" member is taken: by address (Akka's <c>Member.Ordering</c>) unless overridden.</summary>
    private protected virtual IComparer<Member> Ordering => Member.Ordering;

    /// <summary>Builds the strategy named by <see cref="SplitBrainResolverSettings.ActiveStrategy"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    /// <exception cref="AkkaCompute.Actors.ConfigurationException">The settings are invalid (<see cref="SplitBrainResolverSettings.Validate"/>).</exception>
    public static DowningStrategy Create(SplitBrainResolverSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return settings.ActiveStrategy switch
        {
            SplitBrainResolverSettings.StaticQuorumName => new StaticQuorum(settings.StaticQuorumSize!.Value, settings.StaticQuorumRole),
            SplitBrainResolverSettings.KeepOldestName => new KeepOldest(settings.KeepOldestDownIfAlone, settings.KeepOldestRole),
            SplitBrainResolverSettings.DownAllName => new DownAllNodes(),
            _ => new KeepMajority(settings.KeepMajorityRole),
        };
    }

    /// <summary>
    /// Decides what to down. <see cref="SbrDecision.None"/> when no member other than self is unreachable; otherwise the strategy's
    /// decision and the members it downs (never Down or Exiting ones).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="view"/> is null.</exception>
    public SbrDecision Decide(SbrView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var unreachable = view.Unreachable.Remove(view.Self);
        if (unreachable.IsEmpty)
        {
            return SbrDecision.None;
        }

        var reachability = view.Reachability.IsAllReachable
            ? view.Reachability
            : view.Reachability.FilterRecords(r => r.Status != ReachabilityStatus.Reachable);
        var sides = new SbrSides(view, unreachable, reachability, Role, Ordering);
        var kind = DecideKind(sides);
        return kind == SbrDecisionKind.DownIndirectlyConnected ? DownIndirectlyConnected(sides) : new SbrDecision(kind, NodesToDown(sides, kind));
    }

    /// <summary>The strategy's rule, given the split view.</summary>
    private protected abstract SbrDecisionKind DecideKind(SbrSides sides);

    private static ImmutableSortedSet<UniqueAddress> NodesToDown(SbrSides sides, SbrDecisionKind kind)
    {
        var downable = sides.Downable;
        return kind switch
        {
            SbrDecisionKind.DownUnreachable => downable.Intersect(sides.Unreachable),
            SbrDecisionKind.DownReachable => downable.Except(sides.Unreachable),
            SbrDecisionKind.DownAll => downable,
            _ => [],
        };
    }

    // Akka's NodesToDown(DownIndirectlyConnected) with AdditionalNodesToDownWhenIndirectlyConnected: down the indirectly connected,
    // plus what the ordinary decision downs once the observations between the indirectly connected are ignored. A second
    // indirectly-connected decision means the picture is too tangled: down all (Akka throws and falls back to DownAll).
    private SbrDecision DownIndirectlyConnected(SbrSides sides)
    {
        var indirect = sides.IndirectlyConnected;
        var downable = sides.Downable;
        var additional = ImmutableSortedSet<UniqueAddress>.Empty;
        if (!sides.Unreachable.Except(indirect).IsEmpty)
        {
            var intersection = sides.IndirectlyConnectedFromIntersection;
            var seen = sides.IndirectlyConnectedFromSeen;
            var filtered = sides.Reachability.FilterRecords(r =>
                !((intersection.Contains(r.Observer) && intersection.Contains(r.Subject)) ||
                  (seen.Contains(r.Observer) && seen.Contains(r.Subject))));
            var second = new SbrSides(sides.View, filtered.AllUnreachableOrTerminated, filtered, Role, Ordering);
            var kind = DecideKind(second);
            if (kind == SbrDecisionKind.DownIndirectlyConnected)
            {
                return new SbrDecision(SbrDecisionKind.DownAll, downable);
            }

            additional = NodesToDown(second, kind);
        }

        return new SbrDecision(SbrDecisionKind.DownIndirectlyConnected, downable.Intersect(indirect.Union(additional)));
    }

    /// <summary>True when the view has indirectly connected members (then every strategy but down-all decides DownIndirectlyConnected).</summary>
    private protected static bool HasIndirectlyConnected(SbrSides sides) => !sides.IndirectlyConnected.IsEmpty;
}
