using AkkaCompute.Persistence;
using AkkaCompute.Persistence.Sqlite;

namespace AkkaCompute.Persistence.Tests.Actor;

/// <summary>A persistent actor on the SQLite store, across two actor systems and a reopened database file.</summary>
public sealed class SqlitePersistentActorTests : IDisposable
{
    private readonly string _path = TestSupport.TempDbPath();

    public void Dispose() => TestSupport.DeleteDb(_path);

    [Fact]
    public async Task State_and_snapshot_survive_a_new_system_and_a_reopened_file()
    {
        await using (var db = SqliteDatabase.Open(new SqliteStoreSettings { Path = _path }))
        {
            await using var system = ActorSystem.Create("first");
            Persistence.Configure(system, db.Journal, db.SnapshotStore);
            var probe = new TestProbe(system);
            var counter = system.ActorOf(Props.Create(() => new Counter("durable")));
            for (var i = 1; i <= 4; i++)
            {
                counter.Tell(new Add(i), probe.Ref);
                probe.ExpectMsg(new Added(i, i));
            }

            counter.Tell(new TakeSnapshot(), probe.Ref);
            probe.ExpectMsg<SaveSnapshotSuccess>();
            counter.Tell(new Add(100), probe.Ref);
            probe.ExpectMsg(new Added(100, 5));
        }

        await using (var db = SqliteDatabase.Open(new SqliteStoreSettings { Path = _path }))
        {
            await using var system = ActorSystem.Create("second");
            Persistence.Configure(system, db.Journal, db.SnapshotStore);
            var probe = new TestProbe(system);
            var counter = system.ActorOf(Props.Create(() => new Counter("durable")));
            counter.Tell(GetState.Instance, probe.Ref);

            var state = probe.ExpectMsg<CounterState>();
            Assert.Equal(["snapshot@4", "event@5"], state.Recovered);
            Assert.Equal((110L, 5, 5L), (state.Sum, state.Count, state.LastSequenceNr));
        }
    }

    [Fact]
    public async Task Recovers_ten_thousand_events_from_sqlite()
    {
        const int n = 10_000;
        await using var db = SqliteDatabase.Open(new SqliteStoreSettings { Path = _path });
        var writes = Enumerable.Range(1, n).Select(i => new AtomicWrite(new PersistentRepresentation("bulk", i, i))).ToList();
        Assert.All(await db.Journal.WriteMessagesAsync(writes), Assert.Null);
        await using var system = ActorSystem.Create("bulk");
        Persistence.Configure(system, db.Journal, db.SnapshotStore);
        var probe = new TestProbe(system);

        var counter = system.ActorOf(Props.Create(() => new Counter("bulk")));
        counter.Tell(GetState.Instance, probe.Ref);

        var state = probe.ExpectMsg<CounterState>(timeout: TimeSpan.FromSeconds(20));
        Assert.Equal(((long)n * (n + 1) / 2, n, (long)n, false), (state.Sum, state.Count, state.LastSequenceNr, state.OutOfOrder));
    }
}
