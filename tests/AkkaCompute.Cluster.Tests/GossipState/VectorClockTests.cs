using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.GossipState;

public sealed class VectorClockTests
{
    private static VectorClock Clock(params (int Node, long Time)[] entries) =>
        VectorClock.Create(entries.Select(e => KeyValuePair.Create(V(e.Node), e.Time)));

    [Fact]
    public void Increment_starts_at_one_and_counts_up()
    {
        var c = VectorClock.Empty.Increment(V(2)).Increment(V(1)).Increment(V(2));
        Assert.Equal(2, c[V(2)]);
        Assert.Equal(1, c[V(1)]);
        Assert.Equal(0, c[V(3)]);
        Assert.Equal(2, c.Count);
        Assert.True(c.Entries[0].Key.CompareTo(c.Entries[1].Key) < 0);
        Assert.Equal(0, VectorClock.Empty.Count);
    }

    [Fact]
    public void Increment_of_the_largest_time_overflows_loudly()
    {
        var c = VectorClock.Create([KeyValuePair.Create(V(1), long.MaxValue)]);
        Assert.Throws<OverflowException>(() => c.Increment(V(1)));
    }

    [Fact]
    public void Create_rejects_bad_entries()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Clock((1, 0)));
        Assert.Throws<ArgumentException>(() => Clock((1, 1), (1, 2)));
    }

    [Theory]
    [InlineData(new long[] { 1, 1 }, new long[] { 1, 1 }, VectorClockOrdering.Same)]
    [InlineData(new long[] { 1, 0 }, new long[] { 1, 1 }, VectorClockOrdering.Before)]
    [InlineData(new long[] { 2, 1 }, new long[] { 1, 1 }, VectorClockOrdering.After)]
    [InlineData(new long[] { 2, 0 }, new long[] { 1, 1 }, VectorClockOrdering.Concurrent)]
    [InlineData(new long[] { 0, 0 }, new long[] { 0, 0 }, VectorClockOrdering.Same)]
    [InlineData(new long[] { 0, 0 }, new long[] { 0, 3 }, VectorClockOrdering.Before)]
    [InlineData(new long[] { 0, 5 }, new long[] { 3, 0 }, VectorClockOrdering.Concurrent)]
    public void Compare_cases(long[] a, long[] b, VectorClockOrdering expected)
    {
        var ca = FromArray(a);
        var cb = FromArray(b);
        Assert.Equal(expected, ca.Compare(cb));
        Assert.Equal(expected == VectorClockOrdering.Before, ca.IsBefore(cb));
        Assert.Equal(expected == VectorClockOrdering.After, ca.IsAfter(cb));
        Assert.Equal(expected == VectorClockOrdering.Concurrent, ca.IsConcurrentWith(cb));
        Assert.Equal(expected == VectorClockOrdering.Same, ca.Equals(cb));
    }

    [Fact]
    public void Merge_is_the_pointwise_maximum()
    {
        var merged = Clock((1, 3), (2, 1)).Merge(Clock((2, 4), (3, 2)));
        Assert.Equal(Clock((1, 3), (2, 4), (3, 2)), merged);
    }

    [Fact]
    public void Prune_drops_one_entry()
    {
        var c = Clock((1, 3), (2, 1), (3, 7));
        Assert.Equal(Clock((1, 3), (3, 7)), c.Prune(V(2)));
        Assert.Same(c, c.Prune(V(9)));
        Assert.Equal(VectorClock.Empty, Clock((1, 1)).Prune(V(1)));
    }

    [Fact]
    public void Prune_all_drops_several_entries_in_one_pass()
    {
        var c = Clock((1, 3), (2, 1), (3, 7));
        Assert.Equal(Clock((2, 1)), c.PruneAll([V(1), V(3), V(9)]));
        Assert.Same(c, c.PruneAll([V(9)]));
        Assert.Same(c, c.PruneAll([]));
        Assert.Equal(VectorClock.Empty, c.PruneAll([V(1), V(2), V(3)]));
    }

    [Fact]
    public void Node_name_is_address_and_uid()
    {
        Assert.Equal("akc.tcp://sys@host:2551-1", V(1).Name);
        Assert.Equal("VectorClock(akc.tcp://sys@host:2551-1 -> 2)", Clock((1, 2)).ToString());
    }

    // ---- properties -------------------------------------------------------------------------

    // Six nodes with times 0..3 (0 = no entry): small enough that equal and ordered pairs occur often.
    private static readonly Gen<VectorClock> ClockGen =
        Gen.ArrayOf(Gen.Choose(0, 3), 6).Select(times => FromArray([.. times.Select(t => (long)t)]));

    private static Config Config(ulong seed) => FsCheck.Config.QuickThrowOnFailure
        .WithMaxTest(500)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    private static readonly Arbitrary<VectorClock> ClockArb = Arb.From(ClockGen);

    [Fact]
    public void Merge_is_commutative()
    {
        Check.One(Config(1), Prop.ForAll(ClockArb, ClockArb, (a, b) => a.Merge(b).Equals(b.Merge(a))));
    }

    [Fact]
    public void Merge_is_associative()
    {
        Check.One(Config(2), Prop.ForAll(ClockArb, ClockArb, ClockArb, (a, b, c) => a.Merge(b).Merge(c).Equals(a.Merge(b.Merge(c)))));
    }

    [Fact]
    public void Merge_is_idempotent()
    {
        Check.One(Config(3), Prop.ForAll(ClockArb, a => a.Merge(a).Equals(a)));
    }

    [Fact]
    public void Merge_is_an_upper_bound_of_both()
    {
        Check.One(Config(4), Prop.ForAll(ClockArb, ClockArb, (a, b) =>
        {
            var m = a.Merge(b);
            return m.Compare(a) is VectorClockOrdering.After or VectorClockOrdering.Same
                && m.Compare(b) is VectorClockOrdering.After or VectorClockOrdering.Same;
        }));
    }

    [Fact]
    public void Compare_is_antisymmetric()
    {
        Check.One(Config(5), Prop.ForAll(ClockArb, ClockArb, (a, b) => a.Compare(b) == Flip(b.Compare(a))));
    }

    [Fact]
    public void Compare_agrees_with_the_pointwise_definition()
    {
        Check.One(Config(6), Prop.ForAll(ClockArb, ClockArb, (a, b) =>
        {
            var nodes = a.Entries.Select(e => e.Key).Union(b.Entries.Select(e => e.Key)).ToList();
            var le = nodes.All(n => a[n] <= b[n]);
            var ge = nodes.All(n => a[n] >= b[n]);
            var expected = (le, ge) switch
            {
                (true, true) => VectorClockOrdering.Same,
                (true, false) => VectorClockOrdering.Before,
                (false, true) => VectorClockOrdering.After,
                _ => VectorClockOrdering.Concurrent,
            };
            return a.Compare(b) == expected;
        }));
    }

    [Fact]
    public void Increment_moves_strictly_after()
    {
        Check.One(Config(7), Prop.ForAll(ClockArb, Arb.From(Gen.Choose(0, 7)), (a, n) => a.Increment(V(n + 1)).IsAfter(a)));
    }

    private static VectorClockOrdering Flip(VectorClockOrdering o) => o switch
    {
        VectorClockOrdering.Before => VectorClockOrdering.After,
        VectorClockOrdering.After => VectorClockOrdering.Before,
        _ => o,
    };

    // times[i] is the time of node i + 1; 0 means no entry.
    private static VectorClock FromArray(long[] times) =>
        VectorClock.Create(times.Select((t, i) => (t, i)).Where(p => p.t > 0).Select(p => KeyValuePair.Create(V(p.i + 1), p.t)));
}
