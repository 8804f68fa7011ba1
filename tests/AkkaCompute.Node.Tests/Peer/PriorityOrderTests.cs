using System.Collections.Concurrent;
using AkkaCompute.Compute.Protocol;
using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Peer;

/// <summary>Start order follows priority (higher first, then submission order) from the first task, cache on or off.</summary>
public class PriorityOrderTests : NodeTestKit
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void On_one_executor_tasks_start_by_priority_from_the_first_whatever_the_cache(bool cache)
    {
        var started = new ConcurrentQueue<string>();
        var runner = new FakeRunner((t, _, _) =>
        {
            started.Enqueue(t.Id);
            return Task.FromResult(t.Args);
        });
        var (peer, events) = this.StartPeer(Options(runner, maxConcurrent: 1) with { CacheEnabled = true });
        peer.Tell(new SubmitBatch(
        [
            Fn("low", """{"p":-5}""", priority: -5, cache: cache),
            Fn("mid-1", """{"p":0}""", priority: 0, cache: cache),
            Fn("high", """{"p":5}""", priority: 5, cache: cache),
            Fn("mid-2", """{"p":0,"n":2}""", priority: 0, cache: cache),
        ]), TestActor);
        ExpectMsg<BatchAccepted>();
        AwaitResults(events, "low", "mid-1", "high", "mid-2");
        Assert.Equal(["high", "mid-1", "mid-2", "low"], started);
    }
}
