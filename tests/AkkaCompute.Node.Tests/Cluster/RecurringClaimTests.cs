using Akka.Actor;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Node.Peer;
using AkkaCompute.Node.Tests.Peer;
using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Cluster;

/// <summary>
/// A recurring chain is held by one member of the cluster, whichever members it is submitted to: the claim on its chain
/// (ChainClaims) makes a second member answer it as already known, and two members claiming it at once never both keep it.
/// </summary>
public sealed class RecurringClaimTests : ClusterTestKit
{
    private static ComputeNodeOptions Member() => Options(FakeRunner.Echo()) with { AcceptanceTimeout = TimeSpan.FromSeconds(5) };

    /// <summary>A yearly chain (1 January, 00:00 UTC), whose first occurrence is far away (it never fires during the test).</summary>
    private static Compute.Tasks.TaskSpec Yearly(string id) => Fn(id) with { Cron = "0 0 1 1 *", TimeZone = "UTC" };

    private static object Submit(ActorSystem system, params Compute.Tasks.TaskSpec[] tasks) =>
        system.ActorSelection("/user/peer").Ask<object>(new SubmitBatch(tasks), TimeSpan.FromSeconds(20)).Result;

    [Fact]
    public void A_chain_submitted_to_a_second_member_is_already_known_there_and_runs_on_the_first_only()
    {
        var (b, c) = StartThree(Member(), Member(), Member());
        var first = Assert.IsType<BatchAccepted>(Submit(Sys, Yearly("yearly")));
        var occurrence = Assert.Single(first.Accepted);
        Assert.StartsWith("yearly@", occurrence);

        // Through b, with a plain task beside it: the plain task is accepted, the chain is already known (held by a).
        var second = Assert.IsType<BatchAccepted>(Submit(b, Yearly("yearly"), Fn("plain")));
        Assert.Equal(["plain"], second.Accepted);
        Assert.Equal([occurrence], second.AlreadyKnown);
        var third = Assert.IsType<BatchAccepted>(Submit(c, Yearly("yearly")));
        Assert.Empty(third.Accepted);

        // Cancelled at a, the chain is free again: b may start it (once its replicas learned that the occurrence finished).
        Assert.True(Sys.ActorSelection("/user/peer").Ask<CancelResult>(new CancelTask("yearly"), TimeSpan.FromSeconds(10)).Result.Cancelled);
        AwaitAssert(() => Assert.Equal([occurrence], Assert.IsType<BatchAccepted>(Submit(b, Yearly("yearly"))).Accepted),
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Two_members_claiming_chains_at_once_never_both_keep_one()
    {
        var (b, _) = StartThree(Member(), Member(), Member());
        var chains = Enumerable.Range(0, 10).Select(i => Yearly($"race{i}")).ToArray();
        for (var i = 0; i < chains.Length; i++)
        {
            var batch = new SubmitBatch([chains[i]]);
            var onA = Sys.ActorSelection("/user/peer").Ask<object>(batch, TimeSpan.FromSeconds(20));
            var onB = b.ActorSelection("/user/peer").Ask<object>(batch, TimeSpan.FromSeconds(20));
            var answers = new[] { onA.Result, onB.Result };

            // At most one accepted it; a member that did not either knows it from the other or asks for a retry.
            Assert.True(answers.Count(a => a is BatchAccepted { Accepted.Count: 1 }) <= 1, $"chain {i}: {string.Join(" | ", answers)}");
            foreach (var answer in answers.Where(a => a is not BatchAccepted { Accepted.Count: 1 }))
            {
                Assert.True(answer is BatchAccepted { AlreadyKnown.Count: 1 } || (answer is BatchRefused r && r.Reason.Contains("Submit it again")), $"chain {i}: {answer}");
            }
        }
    }
}
