using AkkaCompute.Persistence;
using AkkaCompute.Persistence.Sqlite;

namespace AkkaCompute.Persistence.Tests.Compliance;

/// <summary>The SQLite journal passes the journal compliance suite, on a temp file reopened for the durability test.</summary>
public sealed class SqliteJournalSpec : JournalComplianceSpec
{
    private readonly string _path = TestSupport.TempDbPath();
    private SqliteDatabase? _db;

    protected override IJournal Open() => (_db = SqliteDatabase.Open(new SqliteStoreSettings { Path = _path })).Journal;

    protected override async Task CloseAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
            _db = null;
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        TestSupport.DeleteDb(_path);
    }
}

/// <summary>The SQLite snapshot store passes the snapshot compliance suite.</summary>
public sealed class SqliteSnapshotStoreSpec : SnapshotStoreComplianceSpec
{
    private readonly string _path = TestSupport.TempDbPath();
    private SqliteDatabase? _db;

    protected override ISnapshotStore Open() => (_db = SqliteDatabase.Open(new SqliteStoreSettings { Path = _path })).SnapshotStore;

    protected override async Task CloseAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
            _db = null;
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        TestSupport.DeleteDb(_path);
    }
}
