using Akka.Actor;
using AkkaCompute.Compute.Caching;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Caching;
using AkkaCompute.Node.Tests.Peer;
using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Cluster;

/// <summary>The result cache over three members: a result cached at one home is found by another before it runs the task again.</summary>
public sealed class SharedCacheTests : ClusterTestKit
{
    [Fact]
    public void A_result_cached_on_one_member_is_served_from_cache_by_another()
    {
        var runners = new[] { "a", "b", "c" }.Select(n => new FakeRunner((_, _, _) => Task.FromResult(J($$"""{"node":"{{n}}"}""")))).ToArray();
        var (b, _) = StartThree(Options(runners[0]), Options(runners[1]), Options(runners[2]));
        var homeA = Sys.ActorSelection("/user/peer").ResolveOne(TimeSpan.FromSeconds(5)).Result;
        var homeB = b.ActorSelection("/user/peer").ResolveOne(TimeSpan.FromSeconds(5)).Result;
        var eventsA = CreateTestProbe();
        homeA.Tell(new SubscribeTaskEvents(), eventsA.Ref);

        homeA.Tell(new SubmitBatch([Fn("first", """{"n":42}""", cache: true)], JobId: "j1"));
        ExpectMsg<BatchAccepted>();
        var first = AwaitResults(eventsA, "first")["first"];
        Assert.False(first.FromCache);
        var ran = runners.Sum(r => r.Calls);
        Assert.Equal(1, ran);

        // A flushes what it cached to the other members' caches within 200 ms.
        AwaitCondition(() => homeB.Ask<CacheStats>(new GetCacheStats(), TimeSpan.FromSeconds(5)).Result.Count == 1, TimeSpan.FromSeconds(10));

        var eventsB = CreateTestProbe(b);
        homeB.Tell(new SubscribeTaskEvents(), eventsB.Ref);
        homeB.Tell(new SubmitBatch([Fn("second", """{"n":42}""", cache: true)], JobId: "j2"));
        ExpectMsg<BatchAccepted>();
        var second = AwaitResults(eventsB, "second")["second"];
        Assert.Equal(TaskState.Succeeded, second.State);
        Assert.True(second.FromCache, "the second home ran the task again instead of finding the first home's result");
        Assert.Equal(first.Output!.Value.GetRawText(), second.Output!.Value.GetRawText());
        Assert.Equal(ran, runners.Sum(r => r.Calls));
    }
}
