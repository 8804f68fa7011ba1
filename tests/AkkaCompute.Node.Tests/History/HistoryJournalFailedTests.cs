using Akka.Persistence.TestKit;
using AkkaCompute.Compute.History;
using AkkaCompute.Node.History;
using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.History;

/// <summary>A history actor whose journal fails tells the system's event stream why before it stops.</summary>
public class HistoryJournalFailedTests : FailingJournalTestKit
{
    [Fact]
    public async Task A_failed_journal_write_is_published_with_its_reason_and_the_history_stops()
    {
        await InterceptWritesAsync(new FailingWrites(_ => true));
        var failures = CreateTestProbe();
        Sys.EventStream.Subscribe(failures.Ref, typeof(HistoryJournalFailed));
        var history = Sys.ActorOf(HistoryActor.Props(), "history");
        Watch(history);

        history.Tell(new RecordAccepted([Fn("a")]), TestActor);

        var failed = failures.ExpectMsg<HistoryJournalFailed>();
        Assert.StartsWith("writing the history journal failed: ", failed.Reason);
        Assert.Contains(FailingWrites.Failure, failed.Reason);
        ExpectTerminated(history);
    }
}
