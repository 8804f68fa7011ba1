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
        Persistence.Persistence.Configure(Sys, new FailingWritesJournal(), new InMemorySnapshotStore());
        var failures = CreateTestProbe();
        Sys.EventStream.Subscribe(failures.Ref, typeof(HistoryJournalFailed));
        var history = Sys.ActorOf(HistoryActor.Props(), "history");
        Watch(history);

        history.Tell(new RecordAccepted([Fn("a")]), TestActor);

        var failed = failures.ExpectMsg<HistoryJournalFailed>();
        Assert.Equal("writing the history journal failed: database or disk is full (test)", failed.Reason);
        ExpectTerminated(history);
    }

    /// <summary>An in-memory journal whose writes fail as a full disk makes them fail.</summary>
    private sealed class FailingWritesJournal : IJournal
    {
        private readonly InMemoryJournal _inner = new();

        public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default) =>
            throw new IOException("database or disk is full (test)");

        public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentRepresentation> recoveryCallback, CancellationToken cancellationToken = default) =>
            _inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback, cancellationToken);

        public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default) =>
            _inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

        public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
            _inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

        public Task<IReadOnlyList<EventEnvelope>> ReadAllEventsAsync(long fromOrdering, int max, CancellationToken cancellationToken = default) =>
            _inner.ReadAllEventsAsync(fromOrdering, max, cancellationToken);

        public Task<IReadOnlyList<EventEnvelope>> ReadByTagAsync(string tag, long fromOrdering, int max, CancellationToken cancellationToken = default) =>
            _inner.ReadByTagAsync(tag, fromOrdering, max, cancellationToken);
    }
}
