using AkkaCompute.Persistence;

namespace AkkaCompute.Persistence.Tests.Actor;

public sealed class PersistentActorTests : ActorTestKit
{
    private readonly TestJournal _journal = new();
    private readonly TestSnapshotStore _snapshots = new();

    public PersistentActorTests()
    {
        Persistence.Configure(Sys, new PersistenceSettings { Journal = _journal, SnapshotStore = _snapshots, RecoveryBatchSize = 1000 });
    }

    private IActorRef Reporter(string pid)
    {
        var actor = Sys.ActorOf(Props.Create(() => new Reporter(pid, TestActor)));
        ExpectMsg("recovery-completed");
        return actor;
    }

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        actor.Tell(new StopCmd(), TestActor);
        actor.Tell(PoisonPill.Instance, TestActor);
        ExpectTerminated(actor);
        Unwatch(actor);
    }

    [Fact]
    public void State_is_recovered_by_a_new_actor_with_the_same_persistence_id()
    {
        var first = Sys.ActorOf(Props.Create(() => new Counter("counter-1")));
        first.Tell(new Add(1), TestActor);
        first.Tell(new Add(2), TestActor);
        first.Tell(new Add(3), TestActor);
        ExpectMsg(new Added(1, 1));
        ExpectMsg(new Added(2, 2));
        ExpectMsg(new Added(3, 3));
        Stop(first);

        var second = Sys.ActorOf(Props.Create(() => new Counter("counter-1")));
        second.Tell(GetState.Instance, TestActor);

        var state = ExpectMsg<CounterState>();
        Assert.Equal((6L, 3, 3L, false), (state.Sum, state.Count, state.LastSequenceNr, state.OutOfOrder));
        Assert.Equal(["event@1", "event@2", "event@3"], state.Recovered);
        second.Tell(new Add(4), TestActor);
        ExpectMsg(new Added(4, 4));
    }

    [Fact]
    public void After_a_snapshot_only_later_events_are_replayed()
    {
        var first = Sys.ActorOf(Props.Create(() => new Counter("snap")));
        for (var i = 1; i <= 5; i++)
        {
            first.Tell(new Add(i), TestActor);
            ExpectMsg<Added>();
        }

        first.Tell(new TakeSnapshot(), TestActor);
        Assert.Equal(5, ExpectMsg<SaveSnapshotSuccess>().Metadata.SequenceNr);
        first.Tell(new Add(10), TestActor);
        first.Tell(new Add(20), TestActor);
        ExpectMsg(new Added(10, 6));
        ExpectMsg(new Added(20, 7));
        Stop(first);

        var second = Sys.ActorOf(Props.Create(() => new Counter("snap")));
        second.Tell(GetState.Instance, TestActor);

        var state = ExpectMsg<CounterState>();
        Assert.Equal(["snapshot@5", "event@6", "event@7"], state.Recovered);
        Assert.Equal((45L, 7, 7L, false), (state.Sum, state.Count, state.LastSequenceNr, state.OutOfOrder));
    }

    [Fact]
    public void A_failed_snapshot_save_is_reported_and_the_actor_continues()
    {
        _snapshots.FailSaves = true;
        var counter = Sys.ActorOf(Props.Create(() => new Counter("snap-fail")));
        counter.Tell(new Add(1), TestActor);
        ExpectMsg(new Added(1, 1));

        counter.Tell(new TakeSnapshot(), TestActor);

        var failure = ExpectMsg<SaveSnapshotFailure>();
        Assert.Equal("snapshot disk full", failure.Cause.Message);
        Assert.Equal(new SnapshotMetadata("snap-fail", 1, failure.Metadata.Timestamp), failure.Metadata);
        counter.Tell(new Add(2), TestActor);
        ExpectMsg(new Added(2, 2));
    }

    [Fact]
    public void Commands_arriving_during_Persist_are_held_and_keep_their_order()
    {
        var actor = Reporter("hold");
        _journal.HoldWrites();

        actor.Tell(new PersistCmd("a"), TestActor);
        actor.Tell("x", TestActor);
        actor.Tell("y", TestActor);
        actor.Tell("x", TestActor); // the same string instance again
        actor.Tell(new PersistCmd("b"), TestActor);
        actor.Tell("z", TestActor);
        AwaitCondition(() => _journal.WriteCalls == 1);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        _journal.ReleaseWrites();

        ExpectMsg("persisted:a@1");
        ExpectMsg("x");
        ExpectMsg("y");
        ExpectMsg("x");
        ExpectMsg("persisted:b@2");
        ExpectMsg("z");
    }

    [Fact]
    public void PersistAll_writes_one_atomic_write_and_runs_each_handler_in_order()
    {
        var actor = Reporter("all");

        actor.Tell(new PersistAllCmd(["e1", "e2", "e3"]), TestActor);
        actor.Tell("after", TestActor);

        ExpectMsg("persisted:e1@1");
        ExpectMsg("persisted:e2@2");
        ExpectMsg("persisted:e3@3");
        ExpectMsg("after");
        Assert.Equal(1, _journal.WriteCalls);
    }

    [Fact]
    public void PersistAsync_does_not_hold_commands_and_runs_handlers_in_order()
    {
        var actor = Reporter("async");
        _journal.HoldWrites();

        actor.Tell(new PersistAsyncCmd("a"), TestActor);
        actor.Tell(new PersistAsyncCmd("b"), TestActor);
        actor.Tell("x", TestActor);

        ExpectMsg("x"); // processed while both writes are still pending
        AwaitCondition(() => _journal.WriteCalls == 1);
        _journal.ReleaseWrites();
        ExpectMsg("async:a@1");
        ExpectMsg("async:b@2");
    }

    [Fact]
    public void DeferAsync_runs_after_pending_persist_handlers_and_at_once_when_none_is_pending()
    {
        var actor = Reporter("defer");

        actor.Tell(new DeferCmd("now"), TestActor);
        ExpectMsg("defer:now");
        ExpectMsg("after-defer-call");

        _journal.HoldWrites();
        actor.Tell(new AsyncThenDefer(), TestActor);
        ExpectMsg("handler-done");
        AwaitCondition(() => _journal.WriteCalls == 1);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        _journal.ReleaseWrites();
        ExpectMsg("async:a");
        ExpectMsg("async:b");
        ExpectMsg("defer:d");
    }

    [Fact]
    public void RecoveryCompleted_comes_once_after_every_event_and_before_any_command()
    {
        var first = Reporter("rc");
        first.Tell(new PersistCmd("e1"), TestActor);
        first.Tell(new PersistCmd("e2"), TestActor);
        first.Tell(new PersistCmd("e3"), TestActor);
        ExpectMsg("persisted:e1@1");
        ExpectMsg("persisted:e2@2");
        ExpectMsg("persisted:e3@3");
        Stop(first);

        var second = Sys.ActorOf(Props.Create(() => new Reporter("rc", TestActor)));
        second.Tell("hello", TestActor);
        second.Tell("hello", TestActor);

        ExpectMsg("recovered:e1");
        ExpectMsg("recovered:e2");
        ExpectMsg("recovered:e3");
        ExpectMsg("recovery-completed");
        ExpectMsg("hello");
        ExpectMsg("hello");
        second.Tell(new PersistCmd("e4"), TestActor);
        ExpectMsg("persisted:e4@4");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Recovers_thousands_of_events_in_order_across_many_batches()
    {
        const int n = 25_000;
        await _journal.Seed("many", 1, Enumerable.Range(1, n).Select(i => (object)i).ToArray());

        var counter = Sys.ActorOf(Props.Create(() => new Counter("many")));
        counter.Tell(GetState.Instance, TestActor);
        counter.Tell(GetState.Instance, TestActor);

        var state = ExpectMsg<CounterState>(timeout: TimeSpan.FromSeconds(20));
        Assert.Equal(((long)n * (n + 1) / 2, n, (long)n, false), (state.Sum, state.Count, state.LastSequenceNr, state.OutOfOrder));
        Assert.Equal(state, ExpectMsg<CounterState>(), new CounterStateComparer());
        Assert.True(_journal.ReplayCalls >= n / 1000, $"expected batched replay, got {_journal.ReplayCalls} replay calls");
        counter.Tell(new Add(1), TestActor);
        ExpectMsg(new Added(1, n + 1));
    }

    [Fact]
    public void Deleting_all_events_keeps_sequence_numbers_increasing()
    {
        var first = Sys.ActorOf(Props.Create(() => new Counter("del")));
        first.Tell(new Add(1), TestActor);
        first.Tell(new Add(2), TestActor);
        first.Tell(new Add(3), TestActor);
        ExpectMsg<Added>();
        ExpectMsg<Added>();
        ExpectMsg<Added>();
        first.Tell(new DeleteAll(), TestActor);
        ExpectMsg(new DeleteMessagesSuccess(3));
        Stop(first);

        var second = Sys.ActorOf(Props.Create(() => new Counter("del")));
        second.Tell(GetState.Instance, TestActor);

        var state = ExpectMsg<CounterState>();
        Assert.Equal((0L, 0, 3L), (state.Sum, state.Count, state.LastSequenceNr));
        second.Tell(new Add(5), TestActor);
        ExpectMsg(new Added(5, 4));
    }

    [Fact]
    public async Task Tagged_events_are_queryable_by_tag_and_the_handler_gets_the_wrapper()
    {
        var actor = Reporter("tags");

        actor.Tell(new TaggedCmd("started", ["task", "lifecycle"]), TestActor);

        var tagged = ExpectMsg<Tagged>();
        Assert.Equal("started", tagged.Payload);
        var found = await _journal.ReadByTagAsync("lifecycle", 0, 10);
        Assert.Equal([("tags", 1L, (object)"started")], found.Select(e => (e.PersistenceId, e.SequenceNr, e.Event)));
        Stop(actor);
        Sys.ActorOf(Props.Create(() => new Reporter("tags", TestActor)));
        ExpectMsg("recovered:started");
        ExpectMsg("recovery-completed");
    }

    [Fact]
    public void A_restart_while_commands_are_held_keeps_them_and_recovers_again()
    {
        var actor = Reporter("restart");
        _journal.HoldWrites();

        actor.Tell(new PersistCmd("explode"), TestActor);
        actor.Tell("x", TestActor);
        actor.Tell("y", TestActor);
        AwaitCondition(() => _journal.WriteCalls == 1);
        _journal.ReleaseWrites();

        ExpectMsg("recovered:explode"); // the handler threw: the actor restarted and recovered the written event
        ExpectMsg("recovery-completed");
        ExpectMsg("x");
        ExpectMsg("y");
        actor.Tell(new PersistCmd("next"), TestActor);
        ExpectMsg("persisted:next@2");
    }

    [Fact]
    public void User_stash_works_beside_the_hold()
    {
        var actor = Reporter("stash");
        _journal.HoldWrites();

        actor.Tell(new PersistCmd("a"), TestActor);
        actor.Tell("stash-me", TestActor);
        actor.Tell("open", TestActor);
        actor.Tell("last", TestActor);
        AwaitCondition(() => _journal.WriteCalls == 1);
        _journal.ReleaseWrites();

        ExpectMsg("persisted:a@1");
        ExpectMsg("stash-me");
        ExpectMsg("last");
    }

    private sealed class CounterStateComparer : IEqualityComparer<CounterState>
    {
        public bool Equals(CounterState? x, CounterState? y) =>
            x is not null && y is not null && x.Sum == y.Sum && x.Count == y.Count && x.LastSequenceNr == y.LastSequenceNr && x.Recovered.SequenceEqual(y.Recovered);

        public int GetHashCode(CounterState obj) => obj.Sum.GetHashCode();
    }
}
