using System.Collections.Concurrent;
using Akka.Persistence.TestKit;
using AkkaCompute.Compute.History;
using AkkaCompute.Node.Peer;
using AkkaCompute.Node.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Node.Tests.History;

using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Peer;

/// <summary>A PeerActor restarted after a journal failure keeps its event subscribers and finishes its tasks.</summary>
public class PeerRestartTests : FailingJournalTestKit
{
    [Fact]
    public async Task After_a_restart_subscribers_still_get_the_events_of_the_tasks_that_resume()
    {
        // The first write of lifecycle events fails once both tasks run: the history stops, the peer restarts and
        // resumes from the journal. (Failing it at once could restart the peer before a task had started, and that
        // task's first run, in the next incarnation, would hang until it timed out.)
        var failedOnce = 0;
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var journal = new FailingWrites(
            p => p is TaskEventBatch && Interlocked.Exchange(ref failedOnce, 1) == 0,
            () => bothStarted.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await InterceptWritesAsync(journal);
        // Each task's first run hangs until cancelled (the restart stops it), so a result can only come from the next
        // incarnation, and only a subscriber it knows hears of it.
        var runs = new ConcurrentDictionary<string, int>();
        var runner = new FakeRunner(async (t, _, ct) =>
        {
            if (runs.AddOrUpdate(t.Id, 1, (_, n) => n + 1) == 1)
            {
                if (runs.Count == 2)
                {
                    bothStarted.TrySetResult();
                }

                await Task.Delay(Timeout.Infinite, ct);
            }

            return t.Args;
        });
        var (peer, events) = this.StartPeer(Options(runner));

        peer.Tell(new SubmitBatch([Fn("a", """{"v":1}"""), Fn("b", """{"v":2}""")]), TestActor);
        ExpectMsg<BatchAccepted>();

        var results = AwaitResults(events, "a", "b");
        Assert.Equal(1, journal.Failed);
        Assert.All(results.Values, r => Assert.True(r.Succeeded));
        Assert.All(runs.Values, n => Assert.Equal(2, n));
    }
}
