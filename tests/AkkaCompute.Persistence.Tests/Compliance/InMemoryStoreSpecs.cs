using AkkaCompute.Persistence;

namespace AkkaCompute.Persistence.Tests.Compliance;

/// <summary>The in-memory journal passes the journal compliance suite ("reopening" keeps the same instance).</summary>
public sealed class InMemoryJournalSpec : JournalComplianceSpec
{
    private readonly InMemoryJournal _journal = new();

    protected override IJournal Open() => _journal;

    protected override Task CloseAsync() => Task.CompletedTask;
}

/// <summary>The in-memory snapshot store passes the snapshot compliance suite.</summary>
public sealed class InMemorySnapshotStoreSpec : SnapshotStoreComplianceSpec
{
    private readonly InMemorySnapshotStore _store = new();

    protected override ISnapshotStore Open() => _store;

    protected override Task CloseAsync() => Task.CompletedTask;
}
