using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.ReachabilityTable;

/// <summary>Cases after Akka's ReachabilitySpec.</summary>
public sealed class ReachabilityTests
{
    private static readonly UniqueAddress A = Node(1);
    private static readonly UniqueAddress B = Node(2);
    private static readonly UniqueAddress C = Node(3);
    private static readonly UniqueAddress D = Node(4);
    private static readonly UniqueAddress E = Node(5);

    [Fact]
    public void Empty_is_all_reachable()
    {
        var r = Reachability.Empty;
        Assert.True(r.IsAllReachable);
        Assert.True(r.IsReachable(A));
        Assert.True(r.IsReachable(A, B));
        Assert.Empty(r.Records);
        Assert.Empty(r.AllUnreachableOrTerminated);
    }

    [Fact]
    public void An_unreachable_observation_makes_the_subject_unreachable()
    {
        var r = Reachability.Empty.Unreachable(B, A);
        Assert.False(r.IsAllReachable);
        Assert.False(r.IsReachable(A));
        Assert.True(r.IsReachable(B));
        Assert.Equal(ReachabilityStatus.Unreachable, r.Status(B, A));
        Assert.Equal(ReachabilityStatus.Unreachable, r.Status(A));
        Assert.Equal([A], r.AllUnreachable);
        Assert.Equal([A], r.AllUnreachableFrom(B));
        Assert.Empty(r.AllUnreachableFrom(C));
        Assert.Equal(1, r.Versions[B]);
        Assert.Equal([new ReachabilityRecord(B, A, ReachabilityStatus.Unreachable, 1)], r.Records);
    }

    [Fact]
    public void Reachable_again_from_every_observer_removes_the_observer_rows_and_keeps_its_version()
    {
        var r = Reachability.Empty.Unreachable(B, A).Unreachable(C, A).Reachable(B, A);
        Assert.False(r.IsReachable(A));
        Assert.Empty(r.RecordsFrom(B));
        Assert.Equal(2, r.Versions[B]);
        r = r.Reachable(C, A);
        Assert.True(r.IsReachable(A));
        Assert.True(r.IsAllReachable);
        Assert.Equal(2, r.Versions[C]);
    }

    [Fact]
    public void A_reachable_observation_without_earlier_rows_changes_nothing()
    {
        var r = Reachability.Empty;
        Assert.Same(r, r.Reachable(B, A));
        var r2 = r.Unreachable(B, C);
        Assert.Same(r2, r2.Unreachable(B, C));
    }

    [Fact]
    public void A_reachable_record_is_kept_while_the_observer_still_has_unreachable_subjects()
    {
        var r = Reachability.Empty.Unreachable(B, A).Unreachable(B, C).Reachable(B, A);
        Assert.True(r.IsReachable(A));
        Assert.False(r.IsReachable(C));
        Assert.Equal(ReachabilityStatus.Reachable, r.RecordsFrom(B).Single(x => x.Subject == A).Status);
        Assert.Equal(3, r.Versions[B]);
    }

    [Fact]
    public void Terminated_wins_over_unreachable_and_is_final()
    {
        var r = Reachability.Empty.Unreachable(B, A).Terminated(C, A);
        Assert.Equal(ReachabilityStatus.Terminated, r.Status(A));
        Assert.Equal([A], r.AllTerminated);
        Assert.Empty(r.AllUnreachable);
        Assert.Equal([A], r.AllUnreachableOrTerminated);
        Assert.Same(r, r.Reachable(C, A));
        Assert.Same(r, r.Unreachable(C, A));
    }

    [Fact]
    public void Observers_grouped_by_unreachable_subject()
    {
        var r = Reachability.Empty.Unreachable(B, A).Unreachable(C, A).Unreachable(D, B).Terminated(E, C);
        var grouped = r.ObserversGroupedByUnreachable;
        Assert.Equal([A, B], grouped.Keys);
        Assert.Equal([B, C], grouped[A]);
        Assert.Equal([D], grouped[B]);
        Assert.Equal([B, C, D, E], r.AllObservers);
    }

    [Fact]
    public void Merge_takes_per_observer_the_rows_with_the_higher_version()
    {
        var r1 = Reachability.Empty.Unreachable(B, A).Unreachable(C, D);
        var r2 = r1.Reachable(B, A).Unreachable(B, E).Unreachable(D, C);
        var r3 = r1.Unreachable(C, E);
        var allowed = Set(1, 2, 3, 4, 5);

        var merged = r2.Merge(allowed, r3);
        Assert.Equal(ReachabilityStatus.Reachable, merged.Status(B, A));
        Assert.Equal(ReachabilityStatus.Unreachable, merged.Status(B, E));
        Assert.Equal(ReachabilityStatus.Unreachable, merged.Status(C, D));
        Assert.Equal(ReachabilityStatus.Unreachable, merged.Status(C, E));
        Assert.Equal(ReachabilityStatus.Unreachable, merged.Status(D, C));
        Assert.Equal(3, merged.Versions[B]);
        Assert.Equal(2, merged.Versions[C]);
        Assert.Equal(1, merged.Versions[D]);
        Assert.Equal(merged, r3.Merge(allowed, r2));
    }

    [Fact]
    public void Merge_drops_rows_an_observer_cleared_later()
    {
        var old = Reachability.Empty.Unreachable(B, A);
        var cleared = old.Reachable(B, A);
        Assert.True(cleared.IsAllReachable);
        Assert.True(old.Merge(Set(1, 2), cleared).IsReachable(A));
        Assert.True(cleared.Merge(Set(1, 2), old).IsReachable(A));
        Assert.Equal(2, old.Merge(Set(1, 2), cleared).Versions[B]);
    }

    [Fact]
    public void Merge_keeps_only_allowed_observers_and_subjects()
    {
        var r1 = Reachability.Empty.Unreachable(B, A).Unreachable(B, C);
        var r2 = Reachability.Empty.Unreachable(D, A);
        var merged = r1.Merge(Set(1, 2), r2);
        Assert.Equal([new ReachabilityRecord(B, A, ReachabilityStatus.Unreachable, 1)], merged.Records);
        Assert.Equal([B], merged.Versions.Keys);
    }

    [Fact]
    public void Remove_drops_records_about_and_by_the_nodes()
    {
        var r = Reachability.Empty.Unreachable(B, A).Unreachable(C, D).Unreachable(B, C).Unreachable(B, E);
        var removed = r.Remove([A, B]);
        Assert.Equal([new ReachabilityRecord(C, D, ReachabilityStatus.Unreachable, 1)], removed.Records);
        Assert.False(removed.Versions.ContainsKey(B));
        Assert.True(removed.IsReachable(E));
        Assert.Same(r, r.Remove([]));
    }

    [Fact]
    public void Remove_observers_keeps_subjects_seen_by_others()
    {
        var r = Reachability.Empty.Unreachable(B, A).Unreachable(C, A).Unreachable(B, D);
        var withoutB = r.RemoveObservers([B]);
        Assert.False(withoutB.IsReachable(A));
        Assert.True(withoutB.IsReachable(D));
        Assert.False(withoutB.Versions.ContainsKey(B));
        Assert.Same(r, r.RemoveObservers([E]));
    }

    [Fact]
    public void Filter_records_keeps_versions()
    {
        var r = Reachability.Empty.Unreachable(B, A).Unreachable(C, A);
        var filtered = r.FilterRecords(x => x.Observer == C);
        Assert.Single(filtered.Records);
        Assert.Equal(r.Versions, filtered.Versions);
        Assert.Same(r, r.FilterRecords(_ => true));
    }

    [Fact]
    public void Create_round_trips_and_validates()
    {
        var r = Reachability.Empty.Unreachable(B, A).Terminated(C, D).Unreachable(B, E);
        var copy = Reachability.Create(r.Records, r.Versions);
        Assert.Equal(r, copy);
        Assert.Equal(r.GetHashCode(), copy.GetHashCode());
        Assert.Throws<ArgumentException>(() => Reachability.Create([new ReachabilityRecord(B, A, ReachabilityStatus.Unreachable, 5)], [KeyValuePair.Create(B, 1L)]));
        Assert.Throws<ArgumentException>(() => Reachability.Create(
            [new ReachabilityRecord(B, A, ReachabilityStatus.Unreachable, 1), new ReachabilityRecord(B, A, ReachabilityStatus.Terminated, 1)],
            [KeyValuePair.Create(B, 1L)]));
    }

    [Fact]
    public void Records_are_ordered_by_observer_then_subject()
    {
        var r = Reachability.Empty.Unreachable(C, B).Unreachable(B, E).Unreachable(B, A).Unreachable(C, A);
        Assert.Equal([(B, A), (B, E), (C, A), (C, B)], r.Records.Select(x => (x.Observer, x.Subject)));
    }
}
