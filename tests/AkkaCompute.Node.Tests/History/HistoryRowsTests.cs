using AkkaCompute.Compute.History;
using AkkaCompute.Node.Peer;
using AkkaCompute.Node.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Tests.Peer;

using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.History;

/// <summary>How the history lays out large batches and bursts of events in the journal.</summary>
public class HistoryRowsTests : NodeTestKit
{
    private const int Tasks = 2 * HistoryActor.TasksPerRow + 88;

    private static TaskSpec[] Batch(string prefix) =>
        Enumerable.Range(0, Tasks).Select(i => Fn($"{prefix}-{i}", $$"""{"i":{{i}}}""")).ToArray();

    [Fact]
    public async Task A_large_batch_is_journaled_as_rows_of_at_most_TasksPerRow_and_resumes_whole()
    {
        var batch = Batch("t");
        var first = ActorSystem.Create("first", Journal.Config);
        try
        {
            var hangs = new FakeRunner(async (t, _, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return t.Args;
            });
            var probe = CreateTestProbe(first);
            var peer = first.ActorOf(PeerActor.Props(Options(hangs)), "peer");
            peer.Tell(new SubmitBatch(batch), probe.Ref);
            Assert.Equal(Tasks, probe.FishForMessage<BatchAccepted>(_ => true).Accepted.Count);
        }
        finally
        {
            await first.Terminate();
        }

        var rows = (await SqliteTestJournal.ReadAllAsync(Sys)).OfType<TasksAccepted>().ToList();
        Assert.Equal([HistoryActor.TasksPerRow, HistoryActor.TasksPerRow, 88], rows.Select(r => r.Specs.Count));
        Assert.Equal(batch.Select(t => t.Id), rows.SelectMany(r => r.Specs).Select(s => s.Id));
        Assert.Single(rows.Select(r => r.At).Distinct());

        var second = FakeRunner.Echo();
        var (peer2, events) = (Sys.ActorOf(PeerActor.Props(Options(second)), "peer2"), CreateTestProbe());
        peer2.Tell(new SubscribeTaskEvents(), events.Ref);
        var results = AwaitResults(events, batch.Select(t => t.Id).ToArray());
        Assert.All(results.Values, r => Assert.True(r.Succeeded));
        Assert.Equal(Tasks, second.Calls);
    }

    [Fact]
    public async Task Lifecycle_events_are_journaled_in_order_in_rows_of_at_most_TasksPerRow()
    {
        var batch = Batch("e");
        var peer = Sys.ActorOf(PeerActor.Props(Options(FakeRunner.Echo(), maxConcurrent: 4)), "peer");
        var events = CreateTestProbe();
        peer.Tell(new SubscribeTaskEvents(), events.Ref);
        peer.Tell(new SubmitBatch(batch), TestActor);
        ExpectMsg<BatchAccepted>();
        AwaitResults(events, batch.Select(t => t.Id).ToArray());
        peer.Tell(new FlushHistory(), TestActor);
        ExpectMsg<HistoryFlushed>();

        var rows = (await SqliteTestJournal.ReadAllAsync(Sys)).OfType<TaskEventBatch>().ToList();
        Assert.All(rows, r => Assert.InRange(r.Events.Count, 1, HistoryActor.TasksPerRow));
        var lifecycle = rows.SelectMany(r => r.Events).ToList();
        Assert.Equal(2 * Tasks, lifecycle.Count);
        foreach (var task in batch)
        {
            var own = lifecycle.Where(e => e.TaskId == task.Id).ToList();
            Assert.IsType<TaskStarted>(own[0]);
            Assert.Equal(TaskState.Succeeded, Assert.IsType<TaskFinished>(own[1]).Result.State);
        }
    }
}
