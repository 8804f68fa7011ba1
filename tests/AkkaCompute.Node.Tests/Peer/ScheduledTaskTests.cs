using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Peer;
using Microsoft.Extensions.Time.Testing;

using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Peer;

/// <summary>
/// Delayed and recurring tasks on a PeerActor whose clock is a FakeTimeProvider (its due timer runs on that clock, so
/// the tests move time instead of waiting), with the history on a real SQLite journal (so a restart replays it).
/// </summary>
public class ScheduledTaskTests : NodeTestKit
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);

    private ComputeNodeOptions Clocked(FakeRunner runner) => Options(runner) with { Clock = _clock };

    private TaskHistory? History(IActorRef peer, string id) =>
        peer.Ask<HistoryQueryResult>(new QueryHistory(new HistoryQuery(id, Limit: 1)), TimeSpan.FromSeconds(10)).Result.Tasks.FirstOrDefault();

    [Fact]
    public void A_delayed_task_is_Scheduled_until_its_time_then_runs()
    {
        var runner = FakeRunner.Echo();
        var (peer, events) = this.StartPeer(Clocked(runner));
        peer.Tell(new SubmitBatch([Fn("later", """{"v":1}""") with { Delay = TimeSpan.FromMinutes(10) }, Fn("now")]), TestActor);
        ExpectMsg<BatchAccepted>();
        AwaitResults(events, "now");

        _clock.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(59));
        var held = History(peer, "later")!;
        Assert.Equal(TaskState.Scheduled, held.State);
        Assert.Equal(Start.AddMinutes(10), held.Spec.NotBefore); // the delay became an absolute due time at acceptance
        Assert.Equal(1, runner.Calls); // only "now" ran

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(AwaitResults(events, "later")["later"].Succeeded);
        Assert.Equal(2, runner.Calls);
    }

    [Fact]
    public void A_delayed_task_accepted_before_a_restart_fires_once_after_it_without_restarting_its_delay()
    {
        var runner = FakeRunner.Echo();
        var (peer, _) = this.StartPeer(Clocked(runner));
        peer.Tell(new SubmitBatch([Fn("due", """{"v":2}""") with { Delay = TimeSpan.FromMinutes(10) }]), TestActor);
        ExpectMsg<BatchAccepted>();
        Watch(peer);
        Sys.Stop(peer);
        ExpectTerminated(peer);

        // Down for an hour: the task is overdue when the node comes back, so it runs at once, and once.
        _clock.Advance(TimeSpan.FromHours(1));
        var (again, events) = this.StartPeer(Clocked(runner), "peer2");
        Assert.True(AwaitResults(events, "due")["due"].Succeeded);
        Assert.Equal(1, runner.Calls);
        Assert.Equal(Start.AddMinutes(10), History(again, "due")!.Spec.NotBefore);
    }

    [Fact]
    public void A_delayed_task_restarted_before_its_time_still_waits_for_it()
    {
        var runner = FakeRunner.Echo();
        var (peer, _) = this.StartPeer(Clocked(runner));
        peer.Tell(new SubmitBatch([Fn("wait") with { Delay = TimeSpan.FromMinutes(10) }]), TestActor);
        ExpectMsg<BatchAccepted>();
        Watch(peer);
        Sys.Stop(peer);
        ExpectTerminated(peer);

        _clock.Advance(TimeSpan.FromMinutes(5));
        var (again, events) = this.StartPeer(Clocked(runner), "peer2");
        Assert.Equal(TaskState.Scheduled, History(again, "wait")!.State);
        Assert.Equal(0, runner.Calls);
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(AwaitResults(events, "wait")["wait"].Succeeded);
        Assert.Equal(1, runner.Calls);
    }

    [Fact]
    public void A_recurring_task_fires_each_occurrence_under_its_own_id_and_cancel_stops_the_chain()
    {
        var runner = FakeRunner.Echo();
        var (peer, events) = this.StartPeer(Clocked(runner));
        peer.Tell(new SubmitBatch([Fn("tick") with { Cron = "*/10 * * * * *" }]), TestActor);
        var first = Assert.Single(ExpectMsg<BatchAccepted>().Accepted);
        Assert.Equal("tick@2026-12-06T21:00:10Z", first);

        // The same recurring task submitted again while its chain runs is already known: no second chain.
        peer.Tell(new SubmitBatch([Fn("tick") with { Cron = "*/10 * * * * *" }]), TestActor);
        var again = ExpectMsg<BatchAccepted>();
        Assert.Empty(again.Accepted);
        Assert.Equal([first], again.AlreadyKnown);

        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(AwaitResults(events, first)[first].Succeeded);
        const string second = "tick@2026-12-06T21:00:20Z";
        AwaitCondition(() => History(peer, second) is not null); // the successor was accepted when the first became due
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(AwaitResults(events, second)[second].Succeeded);
        Assert.Equal(2, runner.Calls);

        const string third = "tick@2026-12-06T21:00:30Z";
        AwaitCondition(() => History(peer, third) is not null);
        peer.Tell(new CancelTask("tick"), TestActor);
        Assert.Equal(new CancelResult("tick", true, null), ExpectMsg<CancelResult>());
        Assert.Equal(TaskState.Cancelled, AwaitResults(events, third)[third].State);
        _clock.Advance(TimeSpan.FromMinutes(1));
        peer.Tell(new CancelTask("tick"), TestActor);
        Assert.False(ExpectMsg<CancelResult>().Cancelled); // nothing left of the chain
        Assert.Equal(2, runner.Calls);
        Assert.Null(History(peer, "tick@2026-12-06T21:00:40Z"));
    }

    [Fact]
    public void A_recurring_chain_survives_a_restart_and_missed_occurrences_fire_once()
    {
        var runner = FakeRunner.Echo();
        var (peer, _) = this.StartPeer(Clocked(runner));
        peer.Tell(new SubmitBatch([Fn("min") with { Cron = "* * * * *" }]), TestActor);
        Assert.Equal(["min@2026-12-06T21:01:00Z"], ExpectMsg<BatchAccepted>().Accepted);
        Watch(peer);
        Sys.Stop(peer);
        ExpectTerminated(peer);

        // Ten minutes down: ten occurrences missed, the pending one fires once, the next is after now.
        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(30));
        var (again, events) = this.StartPeer(Clocked(runner), "peer2");
        Assert.True(AwaitResults(events, "min@2026-12-06T21:01:00Z")["min@2026-12-06T21:01:00Z"].Succeeded);
        const string next = "min@2026-12-06T21:11:00Z";
        AwaitCondition(() => History(again, next) is not null);
        Assert.Equal(1, runner.Calls);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(AwaitResults(events, next)[next].Succeeded);
        Assert.Equal(2, runner.Calls);
        Assert.Null(History(again, "min@2026-12-06T21:02:00Z"));
    }
}
