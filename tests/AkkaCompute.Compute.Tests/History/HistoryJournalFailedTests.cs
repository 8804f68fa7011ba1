using AkkaCompute.Compute.History;
using AkkaCompute.Persistence;
using static AkkaCompute.Compute.Tests.Node.NodeHarness;

namespace AkkaCompute.Compute.Tests.History;

/// <summary>A history actor whose journal fails tells the system's event stream why before it stops.</summary>
public class HistoryJournalFailedTests : ActorTestKit
{
    [Fact]
    public void A_failed_journal_write_is_published_with_its_reason_and_the_history_stops()
    {
        Persistence.Persistence.Configure(Sys, new FlakyJournal(_ => true), new InMemorySnapshotStore());
        var failures = CreateTestProbe();
        Sys.EventStream.Subscribe(failures.Ref, typeof(HistoryJournalFailed));
        var history = Sys.ActorOf(HistoryActor.Props(), "history");
        Watch(history);

        history.Tell(new RecordAccepted([Fn("a")]), TestActor);

        var failed = failures.ExpectMsg<HistoryJournalFailed>();
        Assert.Equal("writing the history journal failed: " + FlakyJournal.Failure, failed.Reason);
        ExpectTerminated(history);
    }
}
