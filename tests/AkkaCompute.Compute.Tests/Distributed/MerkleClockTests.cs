using AkkaCompute.Compute.Distributed;
using FsCheck;
using FsCheck.Fluent;

namespace AkkaCompute.Compute.Tests.Distributed;

public class MerkleClockTests
{
    private static readonly string[] Nodes = ["akka.tcp://akc@127.0.0.1:4053", "akka.tcp://akc@127.0.0.1:4054", "node-é", "node-\U0001F600", "a\"b"];

    private static Gen<MerkleClock> Clocks =>
        from entries in Gen.ListOf(Gen.Zip(Gen.Elements(Nodes), Gen.Choose(0, 5)))
        select MerkleClock.From(entries.GroupBy(e => e.Item1).Select(g => KeyValuePair.Create(g.Key, (long)g.Max(e => e.Item2))));

    [Fact]
    public void Canonical_text_is_what_python_json_dumps_writes_for_the_sorted_items()
    {
        var clock = MerkleClock.From([new("node-b", 2), new("node-a", 1)]);
        Assert.Equal("[[\"node-a\", 1], [\"node-b\", 2]]", clock.CanonicalText);
        Assert.Equal("[]", MerkleClock.Empty.CanonicalText);
        Assert.Equal("[[\"a\\\"b\\u00e9\", 3]]", MerkleClock.From([new("a\"bé", 3)]).CanonicalText);
    }

    [Fact]
    public void Tick_advances_one_entry_and_changes_the_head()
    {
        var clock = MerkleClock.Empty.Tick("n1").Tick("n1").Tick("n2");
        Assert.Equal(2, clock["n1"]);
        Assert.Equal(1, clock["n2"]);
        Assert.Equal(0, clock["n3"]);
        Assert.NotEqual(clock.Head, clock.Tick("n2").Head);
        Assert.Equal(ClockOrder.Before, clock.Compare(clock.Tick("n3")));
    }

    [Fact]
    public void Merge_is_the_pointwise_maximum()
    {
        var a = MerkleClock.From([new("x", 3), new("y", 1)]);
        var b = MerkleClock.From([new("y", 4), new("z", 2)]);
        Assert.Equal(MerkleClock.From([new("x", 3), new("y", 4), new("z", 2)]), a.Merge(b));
        Assert.Equal(ClockOrder.Concurrent, a.Compare(b));
        Assert.Equal(ClockOrder.After, a.Merge(b).Compare(a));
    }

    [Fact]
    public void Merge_is_commutative_associative_and_idempotent()
    {
        var gen = from a in Clocks from b in Clocks from c in Clocks select (a, b, c);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Arb.From(gen), t =>
        {
            var (a, b, c) = t;
            return a.Merge(b).Equals(b.Merge(a))
                && a.Merge(b).Merge(c).Equals(a.Merge(b.Merge(c)))
                && a.Merge(a).Equals(a)
                && a.Merge(b).Head == b.Merge(a).Head;
        }));
    }

    [Fact]
    public void Equal_entries_give_equal_heads_and_different_entries_differ()
    {
        Assert.Equal(MerkleClock.From([new("a", 1), new("b", 2)]).Head, MerkleClock.From([new("b", 2), new("a", 1)]).Head);
        Assert.NotEqual(MerkleClock.From([new("a", 0)]), MerkleClock.From([new("b", 0)]));
        Assert.NotEqual(MerkleClock.From([new("a", 0)]).Head, MerkleClock.Empty.Head);
    }

    [Fact]
    public void Bad_entries_are_refused_with_the_reason()
    {
        Assert.Contains("0 or more", Assert.Throws<ArgumentException>(() => MerkleClock.From([new("a", -1)])).Message);
        Assert.Contains("node name", Assert.Throws<ArgumentException>(() => MerkleClock.Empty.Tick("")).Message);
    }
}
