using AkkaCompute.Persistence;

namespace AkkaCompute.Persistence.Tests.Actor;

public sealed class PersistentActorFailureTests : ActorTestKit
{
    private readonly TestJournal _journal = new();

    public PersistentActorFailureTests()
    {
        Persistence.Configure(Sys, _journal, new InMemorySnapshotStore());
    }

    private IActorRef Reporter(string pid)
    {
        var actor = Sys.ActorOf(Props.Create(() => new Reporter(pid, TestActor)));
        ExpectMsg("recovery-completed");
        return actor;
    }

    [Fact]
    public void A_journal_write_failure_calls_OnPersistFailure_and_stops_the_actor()
    {
        var actor = Reporter("fail");
        Watch(actor);
        _journal.FailWrites = true;
        _journal.HoldWrites();

        actor.Tell(new PersistCmd("doomed"), TestActor);
        actor.Tell("held", TestActor);
        AwaitCondition(() => _journal.WriteCalls == 1);
        _journal.ReleaseWrites();

        ExpectMsg(new PersistFailed(nameof(IOException), "disk on fire", "doomed", 1));
        ExpectTerminated(actor);
        ExpectDeadLetter<string>(s => s == "held");
    }

    [Fact]
    public void A_rejected_write_calls_OnPersistRejected_and_the_actor_continues()
    {
        var actor = Reporter("reject");
        _journal.Reject = payload => Equals(payload, "bad");

        actor.Tell(new PersistCmd("bad"), TestActor);
        actor.Tell(new PersistCmd("good"), TestActor);
        actor.Tell("after", TestActor);

        ExpectMsg(new PersistRejected("rejected by test", "bad", 1));
        ExpectMsg("persisted:good@2");
        ExpectMsg("after");
    }

    [Fact]
    public async Task A_duplicate_sequence_number_from_another_writer_stops_the_actor()
    {
        var actor = Reporter("twins");
        Watch(actor);
        await _journal.Seed("twins", 1, "written-by-the-other-twin");

        actor.Tell(new PersistCmd("mine"), TestActor);

        var failed = ExpectMsg<PersistFailed>();
        Assert.Equal((nameof(DuplicateSequenceNrException), (object)"mine", 1L), (failed.Type, failed.Event, failed.SequenceNr));
        ExpectTerminated(actor);
    }

    [Fact]
    public void A_journal_error_during_recovery_calls_OnRecoveryFailure_and_stops_the_actor()
    {
        _journal.FailReplay = true;

        var actor = Sys.ActorOf(Props.Create(() => new Reporter("broken", TestActor)));
        Watch(actor);
        actor.Tell("early", TestActor);

        ExpectMsg(new RecoveryFailed(nameof(IOException), "replay failed", null));
        ExpectTerminated(actor);
        ExpectDeadLetter<string>(s => s == "early");
    }

    [Fact]
    public async Task An_exception_in_a_recover_handler_fails_recovery_naming_the_event()
    {
        await _journal.Seed("poisoned", 1, "fine", "poison", "never");

        var actor = Sys.ActorOf(Props.Create(() => new Reporter("poisoned", TestActor)));
        Watch(actor);

        ExpectMsg("recovered:fine");
        ExpectMsg(new RecoveryFailed(nameof(InvalidOperationException), "poisoned", "poison"));
        ExpectTerminated(actor);
    }

    [Fact]
    public async Task Persisting_during_recovery_fails_recovery()
    {
        await _journal.Seed("eager", 1, "persist-while-recovering");

        var actor = Sys.ActorOf(Props.Create(() => new Reporter("eager", TestActor)));
        Watch(actor);

        var failed = ExpectMsg<RecoveryFailed>();
        Assert.Equal(nameof(InvalidOperationException), failed.Type);
        Assert.Contains("cannot persist during recovery", failed.Message);
        ExpectTerminated(actor);
    }

    [Fact]
    public void Recovery_that_makes_no_progress_times_out_on_the_system_clock()
    {
        var clock = new ManualTimeProvider();
        using var kit = new ManualKit(clock);
        var journal = new TestJournal { ReplayGate = new TaskCompletionSource() };
        Persistence.Configure(kit.Sys, new PersistenceSettings { Journal = journal, RecoveryEventTimeout = TimeSpan.FromSeconds(30) });

        var actor = kit.Sys.ActorOf(Props.Create(() => new Reporter("stuck", kit.TestActor)));
        kit.Watch(actor);
        kit.AwaitCondition(() => journal.ReplayCalls == 1);
        clock.Advance(TimeSpan.FromSeconds(29));
        kit.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        clock.Advance(TimeSpan.FromSeconds(2));

        var failed = kit.ExpectMsg<RecoveryFailed>();
        Assert.Equal(nameof(RecoveryTimedOutException), failed.Type);
        Assert.Contains("'stuck'", failed.Message);
        Assert.Contains("30000 ms", failed.Message);
        kit.ExpectTerminated(actor);
    }

    [Fact]
    public void Commands_beyond_the_stash_capacity_go_to_dead_letters_while_persisting()
    {
        using var kit = new LimitedKit();
        var journal = new TestJournal();
        Persistence.Configure(kit.Sys, journal, new InMemorySnapshotStore());
        var actor = kit.Sys.ActorOf(Props.Create(() => new Reporter("full", kit.TestActor)));
        kit.ExpectMsg("recovery-completed");
        journal.HoldWrites();

        actor.Tell(new PersistCmd("a"), kit.TestActor);
        foreach (var c in new[] { "c1", "c2", "c3", "c4" })
        {
            actor.Tell(c, kit.TestActor);
        }

        var dropped = kit.ExpectDeadLetter<string>(s => s == "c4");
        Assert.Contains("actor.stash-capacity", dropped.Reason);
        journal.ReleaseWrites();
        kit.ExpectMsg("persisted:a@1");
        kit.ExpectMsg("c1");
        kit.ExpectMsg("c2");
        kit.ExpectMsg("c3");
        kit.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void An_empty_persistence_id_fails_recovery()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Reporter(string.Empty, TestActor)));
        Watch(actor);

        Assert.Contains("PersistenceId", ExpectMsg<RecoveryFailed>().Message);
        ExpectTerminated(actor);
    }

    private sealed class ManualKit(ManualTimeProvider clock) : ActorTestKit(ActorSystemSettings.Default with { TimeProvider = clock });

    private sealed class LimitedKit() : ActorTestKit(ActorSystemSettings.Default with { StashCapacity = 3 });
}
