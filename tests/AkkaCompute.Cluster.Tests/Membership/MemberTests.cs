using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Membership;

public sealed class MemberTests
{
    [Fact]
    public void A_new_member_is_joining_without_up_number()
    {
        var m = Member.Create(Node(1), roles: ["b", "a"], appVersion: "1.2.3");
        Assert.Equal(MemberStatus.Joining, m.Status);
        Assert.Equal(Member.NotUp, m.UpNumber);
        Assert.Equal(["a", "b"], m.Roles);
        Assert.True(m.HasRole("a"));
        Assert.False(m.HasRole("c"));
        Assert.Equal("1.2.3", m.AppVersion);
        Assert.Equal(Addr(1), m.Address);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => Member.Create(null!));
        Assert.Throws<ArgumentException>(() => Member.Create(Node(1), roles: [""]));
        Assert.Throws<ArgumentException>(() => Member.Create(Node(1), roles: ["a b"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Member.Create(Node(1), upNumber: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Member.Create(Node(1), (MemberStatus)99));
    }

    [Fact]
    public void Equality_and_order_use_the_unique_address_only()
    {
        var a = M(1, MemberStatus.Joining);
        var b = M(1, MemberStatus.Up, 5);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.HasSameState(b));
        Assert.True(a.HasSameState(M(1, MemberStatus.Joining)));
        Assert.NotEqual(M(1), Member.Create(Node(1, uid: 99)));
        Assert.True(M(1).CompareTo(M(2)) < 0);
        Assert.True(Member.Create(Node(1, 1)).CompareTo(Member.Create(Node(1, 2))) < 0);
    }

    [Fact]
    public void Older_means_lower_up_number_then_lower_address()
    {
        Assert.True(M(5, MemberStatus.Up, 1).IsOlderThan(M(1, MemberStatus.Up, 2)));
        Assert.False(M(1, MemberStatus.Up, 2).IsOlderThan(M(5, MemberStatus.Up, 1)));
        Assert.True(M(1, MemberStatus.Up, 3).IsOlderThan(M(2, MemberStatus.Up, 3)));
        Assert.True(M(9, MemberStatus.Up, 3).IsOlderThan(M(1, MemberStatus.Joining)));
        var sorted = new[] { M(1, MemberStatus.Joining), M(3, MemberStatus.Up, 2), M(2, MemberStatus.Up, 1) }.Order(Member.AgeOrdering).ToList();
        Assert.Equal([Node(2), Node(3), Node(1)], sorted.Select(m => m.UniqueAddress));
    }

    [Fact]
    public void Copy_up_sets_the_up_number_and_status()
    {
        var up = M(1, MemberStatus.Joining).CopyUp(7);
        Assert.Equal(MemberStatus.Up, up.Status);
        Assert.Equal(7, up.UpNumber);
        Assert.Throws<InvalidOperationException>(() => M(1, MemberStatus.Down).CopyUp(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => M(1, MemberStatus.Joining).CopyUp(0));
    }

    [Theory]
    [InlineData(MemberStatus.Removed, MemberStatus.Down, MemberStatus.Removed)]
    [InlineData(MemberStatus.Down, MemberStatus.Exiting, MemberStatus.Down)]
    [InlineData(MemberStatus.Exiting, MemberStatus.Leaving, MemberStatus.Exiting)]
    [InlineData(MemberStatus.Leaving, MemberStatus.Up, MemberStatus.Leaving)]
    [InlineData(MemberStatus.Up, MemberStatus.WeaklyUp, MemberStatus.Up)]
    [InlineData(MemberStatus.WeaklyUp, MemberStatus.Joining, MemberStatus.WeaklyUp)]
    [InlineData(MemberStatus.Joining, MemberStatus.Down, MemberStatus.Down)]
    [InlineData(MemberStatus.Up, MemberStatus.Exiting, MemberStatus.Exiting)]
    public void Highest_priority_is_the_later_status_either_way_round(MemberStatus a, MemberStatus b, MemberStatus expected)
    {
        Assert.Equal(expected, Member.HighestPriorityOf(M(1, a), M(1, b)).Status);
        Assert.Equal(expected, Member.HighestPriorityOf(M(1, b), M(1, a)).Status);
    }

    [Fact]
    public void Highest_priority_on_equal_status_is_the_older()
    {
        var older = M(1, MemberStatus.Up, 1);
        var younger = M(1, MemberStatus.Up, 4);
        Assert.Same(older, Member.HighestPriorityOf(older, younger));
        Assert.Same(older, Member.HighestPriorityOf(younger, older));
    }

    [Fact]
    public void Unique_addresses_order_by_address_then_uid()
    {
        Assert.True(Node(1, 100).CompareTo(Node(2, 1)) < 0);
        Assert.True(Node(1, 1).CompareTo(Node(1, 2)) < 0);
        Assert.Equal(0, Node(3).CompareTo(Node(3)));
        Assert.True(Node(1).CompareTo(null) > 0);
        Assert.Equal("akc.tcp://sys@host:2551#1", Node(1).ToString());
    }
}
