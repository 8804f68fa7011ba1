using static AkkaCompute.Cluster.MemberStatus;
using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Membership;

public sealed class MemberStatusTransitionsTests
{
    // Akka's Member.AllowedTransitions, written out.
    private static readonly Dictionary<MemberStatus, MemberStatus[]> Table = new()
    {
        [Joining] = [WeaklyUp, Up, Leaving, Down, Removed],
        [WeaklyUp] = [Up, Leaving, Down, Removed],
        [Up] = [Leaving, Down, Removed],
        [Leaving] = [Exiting, Down, Removed],
        [Exiting] = [Removed, Down],
        [Down] = [Removed],
        [Removed] = [],
    };

    public static TheoryData<MemberStatus, MemberStatus, bool> AllPairs()
    {
        var data = new TheoryData<MemberStatus, MemberStatus, bool>();
        foreach (var from in Enum.GetValues<MemberStatus>())
        {
            foreach (var to in Enum.GetValues<MemberStatus>())
            {
                data.Add(from, to, Table[from].Contains(to));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_table_entry_is_as_in_Akka(MemberStatus from, MemberStatus to, bool allowed)
    {
        Assert.Equal(allowed, MemberStatusTransitions.IsAllowed(from, to));
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Member_copy_follows_the_table(MemberStatus from, MemberStatus to, bool allowed)
    {
        var member = Member.Create(Node(1), from);
        if (from == to)
        {
            Assert.Same(member, member.Copy(to));
        }
        else if (allowed)
        {
            var moved = member.Copy(to);
            Assert.Equal(to, moved.Status);
            Assert.Equal(member.UniqueAddress, moved.UniqueAddress);
        }
        else
        {
            var ex = Assert.Throws<InvalidOperationException>(() => member.Copy(to));
            Assert.Contains($"{from} -> {to}", ex.Message);
        }
    }

    [Fact]
    public void Statuses_are_listed_in_lifecycle_order_and_ranked_by_it()
    {
        Assert.Equal([Joining, WeaklyUp, Up, Leaving, Exiting, Down, Removed], MemberStatusTransitions.All);
        Assert.Equal(Enumerable.Range(0, 7), MemberStatusTransitions.All.Select(MemberStatusTransitions.Rank));
    }

    [Fact]
    public void Every_allowed_transition_goes_forward_and_every_forward_pair_is_reachable_through_allowed_steps()
    {
        foreach (var from in MemberStatusTransitions.All)
        {
            var reachable = new HashSet<MemberStatus>();
            var frontier = new Queue<MemberStatus>([from]);
            while (frontier.TryDequeue(out var s))
            {
                foreach (var to in MemberStatusTransitions.All.Where(t => MemberStatusTransitions.IsAllowed(s, t)))
                {
                    Assert.True(MemberStatusTransitions.Rank(to) > MemberStatusTransitions.Rank(s), $"{s} -> {to} goes backwards");
                    if (reachable.Add(to))
                    {
                        frontier.Enqueue(to);
                    }
                }
            }

            var forward = MemberStatusTransitions.All.Where(t => MemberStatusTransitions.Rank(t) > MemberStatusTransitions.Rank(from));
            Assert.Equal(forward.ToHashSet(), reachable);
        }
    }

    [Fact]
    public void Undefined_status_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MemberStatusTransitions.IsAllowed((MemberStatus)42, Up));
        Assert.Throws<ArgumentOutOfRangeException>(() => MemberStatusTransitions.Rank((MemberStatus)(-1)));
    }
}
