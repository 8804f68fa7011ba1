using AkkaCompute.Compute.History;
using AkkaCompute.Node.History;

namespace AkkaCompute.Node.Tests.History;

/// <summary>The history's group commit: lifecycle events that arrive together share one journal write.</summary>
public class GroupCommitTests : NodeTestKit
{
    private static RecordEvent Started(string id) => new(new TaskStarted(id, 1, DateTimeOffset.UnixEpoch));

    private async Task<List<TaskEventBatch>> EventRowsAsync() =>
        (await SqliteTestJournal.ReadAllAsync(Sys)).OfType<TaskEventBatch>().ToList();

    [Fact]
    public async Task Events_that_arrive_within_the_delay_share_one_write()
    {
        var history = Sys.ActorOf(HistoryActor.Props(groupCommitDelay: TimeSpan.FromHours(1)), "history");
        history.Tell(Started("a"));
        // "a" is handled before "b" is sent: without a delay, its write would be on its way before "b" arrives.
        await history.Ask<JournalLatency>(new GetJournalLatency(), TimeSpan.FromSeconds(10));
        history.Tell(Started("b"));
        history.Tell(Started("c"));
        history.Tell(new FlushHistory(), TestActor);
        ExpectMsg<HistoryFlushed>(TimeSpan.FromSeconds(10));

        var row = Assert.Single(await EventRowsAsync());
        Assert.Equal(["a", "b", "c"], row.Events.Select(e => e.TaskId));
    }

    [Fact]
    public async Task Without_a_delay_the_first_event_is_written_at_once()
    {
        var history = Sys.ActorOf(HistoryActor.Props(groupCommitDelay: TimeSpan.Zero), "history");
        history.Tell(Started("a"));
        await history.Ask<JournalLatency>(new GetJournalLatency(), TimeSpan.FromSeconds(10));
        history.Tell(Started("b"));
        history.Tell(new FlushHistory(), TestActor);
        ExpectMsg<HistoryFlushed>(TimeSpan.FromSeconds(10));

        Assert.Equal([["a"], ["b"]], (await EventRowsAsync()).Select(r => r.Events.Select(e => e.TaskId).ToArray()));
    }

    [Fact]
    public async Task The_delay_ends_in_a_write_without_any_flush()
    {
        var history = Sys.ActorOf(HistoryActor.Props(groupCommitDelay: TimeSpan.FromMilliseconds(50)), "history");
        history.Tell(Started("a"));
        history.Tell(Started("b"));

        await AwaitAssertAsync(
            async () => Assert.Equal(["a", "b"], (await EventRowsAsync()).SelectMany(r => r.Events).Select(e => e.TaskId)),
            TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_negative_delay_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HistoryActor.Props(groupCommitDelay: TimeSpan.FromMilliseconds(-1)));
        Assert.Equal("groupCommitDelay", e.ParamName);
    }
}
