using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Compute.Tests.Distributed;

public class OwnershipTests
{
    private static readonly ClusterMember[] Five = Enumerable.Range(4053, 5).Select(p => new ClusterMember($"akka.tcp://akc@127.0.0.1:{p}")).ToArray();

    private static TaskPlacement Placement(int i) => TaskPlacement.For($"task-{i}", "job", MerkleClock.Empty.Tick("n").Head);

    [Fact]
    public void The_owner_is_the_nearest_member_in_hamming_distance()
    {
        for (var i = 0; i < 50; i++)
        {
            var placement = Placement(i);
            var point = TaskHash.PlacementPoint(placement.StampedHead, placement.TaskHashHex);
            var best = Five.Min(m => TaskHash.Hamming(TaskHash.MemberPoint(m.Address), point));
            var owner = Ownership.OwnerOf(placement, Five)!;
            Assert.Equal(best, TaskHash.Hamming(TaskHash.MemberPoint(owner), point));
        }
    }

    [Fact]
    public void The_owner_does_not_depend_on_the_order_members_are_listed_in()
    {
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(Ownership.OwnerOf(Placement(i), Five), Ownership.OwnerOf(Placement(i), Five.Reverse()));
        }
    }

    [Fact]
    public void Equal_distances_go_to_the_smaller_address()
    {
        // Distances between 256-bit hashes cluster near 128 bits, so 60 members give many ties on every task.
        var members = Enumerable.Range(0, 60).Select(i => new ClusterMember($"akka.tcp://akc@10.0.0.{i}:4053")).ToArray();
        var ties = 0;
        for (var t = 0; t < 20; t++)
        {
            var placement = Placement(t);
            var ranked = Ownership.Rank(placement, members);
            for (var i = 1; i < ranked.Count; i++)
            {
                var before = TaskHash.Hamming(ranked[i - 1].Point, placement.Point);
                var after = TaskHash.Hamming(ranked[i].Point, placement.Point);
                Assert.True(before <= after);
                if (before == after)
                {
                    ties++;
                    Assert.True(string.CompareOrdinal(ranked[i - 1].Address, ranked[i].Address) < 0);
                }
            }
        }

        Assert.True(ties > 0, "no ties among 60 members: the test proves nothing");
    }

    [Fact]
    public void Required_roles_narrow_the_candidates_and_none_matching_gives_no_owner()
    {
        var gpu = new ClusterMember("akka.tcp://akc@127.0.0.1:5000", new HashSet<string> { "gpu" });
        var members = Five.Append(gpu).ToArray();
        for (var i = 0; i < 20; i++)
        {
            var placement = TaskPlacement.For($"t{i}", "job", MerkleClock.Empty.Head, ["gpu"]);
            Assert.Equal(gpu.Address, Ownership.OwnerOf(placement, members));
            Assert.Null(Ownership.OwnerOf(placement, Five));
        }
    }

    [Fact]
    public void Tasks_spread_over_every_member()
    {
        var owners = Enumerable.Range(0, 1000).Select(i => Ownership.OwnerOf(Placement(i), Five)).GroupBy(o => o).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(5, owners.Count);
        Assert.All(owners.Values, n => Assert.InRange(n, 100, 320));
    }

    [Fact]
    public void A_retry_prefers_another_member()
    {
        var owner = Ownership.OwnerOf(Placement(7), Five)!;
        var other = Ownership.OwnerAvoiding(Placement(7), Five, owner);
        Assert.NotEqual(owner, other);
        Assert.Equal(Ownership.Rank(Placement(7), Five)[1].Address, other);
        Assert.Equal(owner, Ownership.OwnerAvoiding(Placement(7), [new ClusterMember(owner)], owner));
    }
}
