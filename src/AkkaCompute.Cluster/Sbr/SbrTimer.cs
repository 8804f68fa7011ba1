using System.Collections.Immutable;

namespace AkkaCompute.Cluster.Sbr;

/// <summary>
/// The timing of the split-brain resolver as an immutable value, as Akka's <c>SplitBrainResolverBase</c> (stable deadline and
/// reachability-change statistics) without an actor or a clock: the caller passes the current time, e.g. from its injected
/// <see cref="TimeProvider"/> or a simulator's virtual clock, as a <see cref="TimeSpan"/> since any fixed origin.
/// </summary>
/// <remarks>
/// <para>Each <see cref="Tick"/> first compares the new view with the previous one:</para>
/// <list type="bullet">
/// <item>the unreachable set changed: a reachability change (counted since the first one) and the stable deadline restarts;</item>
/// <item>a member became Up or Exiting: the stable deadline restarts;</item>
/// <item>no unreachable member is Up or Leaving any more (all healed, downed or exiting): the change statistics reset.</item>
/// </list>
/// <para>Then, as Akka's <c>OnTick</c>, at most one decision is returned:</para>
/// <list type="bullet">
/// <item>on every node, when down-all-when-unstable is on and the first change of the current unstable period is more than
/// stable-after + down-all-when-unstable ago: DownAll (when off, the statistics reset after 2 × stable-after without change);</item>
/// <item>on the responsible node (the leader, once itself at least WeaklyUp), when some member is unreachable and nothing changed
/// for stable-after: the strategy's decision.</item>
/// </list>
/// <para>After a decision that downs somebody the statistics reset and the stable deadline restarts. O(n) per tick plus the strategy.</para>
/// </remarks>
public sealed class SbrTimer
{
    private SbrTimer(
        TimeSpan stableAfter,
        TimeSpan downAllWhenUnstable,
        TimeSpan stableDeadline,
        TimeSpan firstChange,
        TimeSpan latestChange,
        long changeCount,
        SbrView? previous)
    {
        StableAfter = stableAfter;
        DownAllWhenUnstable = downAllWhenUnstable;
        StableDeadline = stableDeadline;
        FirstChange = firstChange;
        LatestChange = latestChange;
        ChangeCount = changeCount;
        Previous = previous;
    }

    /// <summary>How long the view must stay unchanged before the strategy decides; greater than 0.</summary>
    public TimeSpan StableAfter { get; }

    /// <summary>The down-all-when-unstable period; <see cref="TimeSpan.Zero"/> when off.</summary>
    public TimeSpan DownAllWhenUnstable { get; }

    /// <summary>The earliest time at which the strategy may decide (last relevant change + <see cref="StableAfter"/>).</summary>
    public TimeSpan StableDeadline { get; }

    /// <summary>The time of the first reachability change of the current unstable period (meaningful when <see cref="ChangeCount"/> &gt; 0).</summary>
    public TimeSpan FirstChange { get; }

    /// <summary>The time of the latest reachability change (meaningful when <see cref="ChangeCount"/> &gt; 0).</summary>
    public TimeSpan LatestChange { get; }

    /// <summary>Reachability changes since the statistics were last reset; 0 when stable.</summary>
    public long ChangeCount { get; }

    /// <summary>The view of the previous tick, or null before the first.</summary>
    public SbrView? Previous { get; }

    /// <summary>A timer started at <paramref name="now"/>: no decision before <paramref name="now"/> + <paramref name="stableAfter"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="stableAfter">The stable-after period; greater than 0.</param>
    /// <param name="downAllWhenUnstable">The down-all-when-unstable period; <see cref="TimeSpan.Zero"/> turns it off; not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stableAfter"/> is not positive or <paramref name="downAllWhenUnstable"/> is negative.</exception>
    public static SbrTimer Start(TimeSpan now, TimeSpan stableAfter, TimeSpan downAllWhenUnstable)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stableAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(downAllWhenUnstable, TimeSpan.Zero);
        return new SbrTimer(stableAfter, downAllWhenUnstable, now + stableAfter, now, now, 0, null);
    }

    /// <summary>A timer started at <paramref name="now"/> with the periods of <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    /// <exception cref="AkkaCompute.Actors.ConfigurationException">The settings are invalid.</exception>
    public static SbrTimer Start(TimeSpan now, SplitBrainResolverSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return Start(now, settings.StableAfter, settings.EffectiveDownAllWhenUnstable);
    }

    /// <summary>
    /// Absorbs <paramref name="view"/> at <paramref name="now"/> and returns the new timer with the decision to act on, if any.
    /// </summary>
    /// <param name="now">The current time; should not go back.</param>
    /// <param name="view">The current view.</param>
    /// <param name="strategy">The strategy that decides when the view is stable.</param>
    /// <param name="isLeader">Whether this node is the leader among the reachable members (<see cref="Gossip.Leader"/> is self).</param>
    /// <exception cref="ArgumentNullException"><paramref name="view"/> or <paramref name="strategy"/> is null.</exception>
    public SbrTick Tick(TimeSpan now, SbrView view, DowningStrategy strategy, bool isLeader)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(strategy);
        var unreachable = view.Unreachable.Remove(view.Self);
        var deadline = StableDeadline;
        var first = FirstChange;
        var latest = LatestChange;
        var count = ChangeCount;

        var previousUnreachable = Previous?.Unreachable.Remove(Previous.Self) ?? [];
        if (!unreachable.SetEquals(previousUnreachable))
        {
            if (count == 0)
            {
                first = now;
            }

            latest = now;
            count++;
            deadline = now + StableAfter;
        }

        if (BecameUpOrExiting(Previous?.Members ?? [], view.Members))
        {
            deadline = now + StableAfter;
        }

        if (count > 0 && !AnyUnreachableUpOrLeaving(view, unreachable))
        {
            count = 0;
        }

        var next = new SbrTimer(StableAfter, DownAllWhenUnstable, deadline, first, latest, count, view);
        if (count > 0)
        {
            if (DownAllWhenUnstable > TimeSpan.Zero && now - first > StableAfter + DownAllWhenUnstable)
            {
                var all = new SbrDecision(SbrDecisionKind.DownAll, Downable(view));
                return new SbrTick(next.AfterDecision(now, all), all, SbrTrigger.DownAllWhenUnstable);
            }

            if (DownAllWhenUnstable == TimeSpan.Zero && now - latest > StableAfter + StableAfter)
            {
                next = new SbrTimer(StableAfter, DownAllWhenUnstable, deadline, now, now, 0, view);
            }
        }

        var selfAdded = view.Members.TryGetValue(Member.Probe(view.Self), out var self) && self.Status != MemberStatus.Joining;
        if (isLeader && selfAdded && !unreachable.IsEmpty && now >= deadline)
        {
            var decision = strategy.Decide(view);
            if (decision.Kind != SbrDecisionKind.NoDecision)
            {
                return new SbrTick(next.AfterDecision(now, decision), decision, SbrTrigger.StableAfter);
            }
        }

        return new SbrTick(next, SbrDecision.None, SbrTrigger.None);
    }

    private static ImmutableSortedSet<UniqueAddress> Downable(SbrView view) =>
        view.Members.Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Removed))
            .Select(m => m.UniqueAddress).ToImmutableSortedSet();

    private static bool AnyUnreachableUpOrLeaving(SbrView view, ImmutableSortedSet<UniqueAddress> unreachable)
    {
        foreach (var node in unreachable)
        {
            if (view.Members.TryGetValue(Member.Probe(node), out var m) && m.Status is MemberStatus.Up or MemberStatus.Leaving)
            {
                return true;
            }
        }

        return false;
    }

    private static bool BecameUpOrExiting(ImmutableSortedSet<Member> before, ImmutableSortedSet<Member> after)
    {
        foreach (var m in after)
        {
            if (m.Status is not (MemberStatus.Up or MemberStatus.Exiting))
            {
                continue;
            }

            if (!before.TryGetValue(m, out var old) || old.Status != m.Status)
            {
                return true;
            }
        }

        return false;
    }

    private SbrTimer AfterDecision(TimeSpan now, SbrDecision decision) =>
        decision.NodesToDown.IsEmpty
            ? this
            : new SbrTimer(StableAfter, DownAllWhenUnstable, now + StableAfter, now, now, 0, Previous);
}
