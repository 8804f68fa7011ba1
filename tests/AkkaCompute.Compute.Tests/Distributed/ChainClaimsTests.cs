using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Tests.Distributed;

public class ChainClaimsTests
{
    private const string A = "akka.tcp://akc@127.0.0.1:1";
    private const string B = "akka.tcp://akc@127.0.0.1:2";
    private const string C = "akka.tcp://akc@127.0.0.1:3";

    private static AcceptedTask Occurrence(string home, string chain, string at, TaskResult? result = null) =>
        new(home, home, new TaskSpec { Id = $"{chain}@{at}", Function = "echo", RecurrenceOf = chain }, null, new string('0', 64), result);

    private static Dictionary<string, List<AcceptedTask>> Held(params AcceptedTask[] entries) =>
        entries.GroupBy(e => e.Spec.RecurrenceOf!).ToDictionary(g => g.Key, g => g.ToList());

    private static IReadOnlyList<ChainConflict> None => [];

    [Fact]
    public void A_replica_objects_to_a_chain_it_holds_from_another_home_once_per_chain()
    {
        var held = Held(Occurrence(A, "nightly", "2026-12-07T03:00:00Z"));
        var incoming = new[]
        {
            Occurrence(B, "nightly", "2026-12-07T03:00:00Z"),
            Occurrence(B, "nightly", "2026-12-08T03:00:00Z"),
            Occurrence(B, "hourly", "2026-12-07T01:00:00Z"),
        };

        Assert.Equal([new ChainConflict("nightly", A)], ChainClaims.Conflicts(held, incoming));
    }

    [Fact]
    public void The_same_home_its_own_entry_plain_tasks_and_finished_occurrences_never_conflict()
    {
        var held = Held(Occurrence(A, "nightly", "2026-12-07T03:00:00Z"));
        var successor = Occurrence(A, "nightly", "2026-12-08T03:00:00Z");
        var takenOver = Occurrence(A, "nightly", "2026-12-07T03:00:00Z") with { Home = B }; // the same key, a new home
        var plain = Occurrence(B, "nightly", "x") with { Spec = new TaskSpec { Id = "plain", Function = "echo" } };
        var finished = Occurrence(B, "nightly", "2026-12-07T03:00:00Z", new TaskResult("nightly@2026-12-07T03:00:00Z", TaskState.Cancelled, null, null, 0, 0));

        Assert.Empty(ChainClaims.Conflicts(held, [successor, takenOver, plain, finished]));
    }

    [Fact]
    public void A_majority_of_grants_claims_the_chain()
    {
        Assert.Equal((ChainVerdict.Claimed, null), ChainClaims.Decide("c", 3, [None, None]));
        Assert.Equal((ChainVerdict.Claimed, null), ChainClaims.Decide("c", 1, [None]));
        Assert.Equal((ChainVerdict.Pending, null), ChainClaims.Decide("c", 3, [None]));
        Assert.Equal((ChainVerdict.Pending, null), ChainClaims.Decide("c", 5, [None, None, [new ChainConflict("c", A)]]));
    }

    [Fact]
    public void A_majority_naming_one_home_means_the_chain_is_held_there()
    {
        var byA = new[] { new ChainConflict("c", A) };
        Assert.Equal((ChainVerdict.HeldElsewhere, A), ChainClaims.Decide("c", 3, [byA, byA, None]));
        Assert.Equal((ChainVerdict.HeldElsewhere, A), ChainClaims.Decide("c", 3, [byA, byA]));

        // Objections about other chains are grants for this one.
        Assert.Equal((ChainVerdict.Claimed, null), ChainClaims.Decide("d", 3, [byA, byA]));
    }

    [Fact]
    public void Votes_split_between_claimants_so_that_none_can_reach_a_majority_ask_for_a_retry()
    {
        var byA = new[] { new ChainConflict("c", A) };
        var byC = new[] { new ChainConflict("c", C) };
        Assert.Equal((ChainVerdict.Split, null), ChainClaims.Decide("c", 4, [None, None, byA, byA]));
        Assert.Equal((ChainVerdict.Split, null), ChainClaims.Decide("c", 3, [None, byA, byC]));
        Assert.Equal((ChainVerdict.Pending, null), ChainClaims.Decide("c", 4, [None, byA, byA])); // the last answer decides
    }

    [Fact]
    public void Two_homes_never_both_claim_a_chain_whatever_order_the_replicas_see_them_in()
    {
        // Every order in which 3 or 5 replicas may see the claims of A and B, each replica voting for the first it saw.
        foreach (var voters in new[] { 3, 4, 5 })
        {
            for (var firstSeen = 0; firstSeen < 1 << voters; firstSeen++)
            {
                var votes = Enumerable.Range(0, voters).Select(i => (firstSeen >> i & 1) == 0 ? A : B).ToList();
                IReadOnlyList<ChainConflict> AnswerTo(string home, string vote) => vote == home ? None : [new ChainConflict("c", vote)];
                var a = ChainClaims.Decide("c", voters, votes.Select(v => AnswerTo(A, v)).ToList()).Verdict;
                var b = ChainClaims.Decide("c", voters, votes.Select(v => AnswerTo(B, v)).ToList()).Verdict;

                Assert.False(a == ChainVerdict.Claimed && b == ChainVerdict.Claimed);
                Assert.Equal(a == ChainVerdict.Claimed, b == ChainVerdict.HeldElsewhere);
                Assert.NotEqual(ChainVerdict.Pending, a);
            }
        }
    }

    [Fact]
    public void Fewer_voters_than_answers_is_an_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChainClaims.Decide("c", 1, [None, None]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChainClaims.Decide("c", 0, []));
    }
}
