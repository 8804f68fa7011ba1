using AkkaCompute.Persistence;

namespace AkkaCompute.Persistence.Tests.Compliance;

/// <summary>
/// The compliance suite every <see cref="IJournal"/> passes (in the manner of Akka.Persistence.TCK). A store joins with a
/// tiny derived class that opens the journal on fresh, empty storage for each test and can close and reopen it (durable
/// stores must then still hold everything written before). Store-agnostic: only the <see cref="IJournal"/> contract is used.
/// </summary>
public abstract class JournalComplianceSpec : IAsyncLifetime
{
    private IJournal? _journal;

    /// <summary>The journal under test (opened before each test).</summary>
    protected IJournal Journal => _journal ?? throw new InvalidOperationException("not initialized");

    /// <summary>Opens the journal on this test's storage; the first call creates empty storage.</summary>
    protected abstract IJournal Open();

    /// <summary>Closes the journal opened last (a durable store flushes and releases its storage, keeping the data).</summary>
    protected abstract Task CloseAsync();

    public Task InitializeAsync()
    {
        _journal = Open();
        return Task.CompletedTask;
    }

    public virtual Task DisposeAsync() => CloseAsync();

    protected static PersistentRepresentation Event(string pid, long seq, string text = "", params string[] tags) =>
        new(pid, seq, new TestEvent(pid, seq, text), string.Empty, "writer-" + pid, 1_700_000_000_000 + seq, tags);

    protected Task<IReadOnlyList<Exception?>> Write(params AtomicWrite[] writes) => Journal.WriteMessagesAsync(writes);

    /// <summary>Writes events from..to of <paramref name="pid"/>, one atomic write each, in one call; asserts success.</summary>
    protected async Task WriteEvents(string pid, long from, long to, params string[] tags)
    {
        var results = await Write(Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => new AtomicWrite(Event(pid, i, tags: tags))).ToArray());
        Assert.All(results, Assert.Null);
    }

    protected async Task<List<PersistentRepresentation>> Replay(string pid, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var replayed = new List<PersistentRepresentation>();
        await Journal.ReplayMessagesAsync(pid, from, to, max, replayed.Add);
        return replayed;
    }

    protected async Task<IJournal> Reopen()
    {
        await CloseAsync();
        return _journal = Open();
    }

    [Fact]
    public async Task Replays_written_events_in_sequence_order_with_all_fields()
    {
        await Write(new AtomicWrite(Event("a", 1)), new AtomicWrite(Event("b", 1)), new AtomicWrite(Event("a", 2, "two")));
        await WriteEvents("a", 3, 5);

        var replayed = await Replay("a");

        Assert.Equal([1L, 2, 3, 4, 5], replayed.Select(p => p.SequenceNr));
        Assert.All(replayed, p =>
        {
            Assert.Equal("a", p.PersistenceId);
            Assert.Equal(new TestEvent("a", p.SequenceNr, p.SequenceNr == 2 ? "two" : string.Empty), p.Payload);
            Assert.Equal("writer-a", p.WriterUuid);
            Assert.Equal(1_700_000_000_000 + p.SequenceNr, p.Timestamp);
            Assert.Empty(p.Tags);
        });
    }

    [Theory]
    [InlineData(3, 7, long.MaxValue, new long[] { 3, 4, 5, 6, 7 })]
    [InlineData(3, 7, 2, new long[] { 3, 4 })]
    [InlineData(1, long.MaxValue, 3, new long[] { 1, 2, 3 })]
    [InlineData(9, long.MaxValue, long.MaxValue, new long[] { 9, 10 })]
    [InlineData(11, long.MaxValue, long.MaxValue, new long[0])]
    [InlineData(1, long.MaxValue, 0, new long[0])]
    [InlineData(5, 4, long.MaxValue, new long[0])]
    [InlineData(0, 1, long.MaxValue, new long[] { 1 })]
    public async Task Replay_honours_from_to_and_max(long from, long to, long max, long[] expected)
    {
        await WriteEvents("p", 1, 10);

        var replayed = await Replay("p", from, to, max);

        Assert.Equal(expected, replayed.Select(p => p.SequenceNr));
    }

    [Fact]
    public async Task Unknown_persistence_id_replays_nothing_and_has_highest_zero()
    {
        await WriteEvents("known", 1, 2);

        Assert.Empty(await Replay("unknown"));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("unknown", 0));
    }

    [Fact]
    public async Task Highest_sequence_nr_follows_writes_and_survives_deleting_everything()
    {
        await WriteEvents("h", 1, 5);
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("h", 0));

        await Journal.DeleteMessagesToAsync("h", 5);

        Assert.Empty(await Replay("h"));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("h", 0));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("h", 3));

        await WriteEvents("h", 6, 6);
        Assert.Equal(6, await Journal.ReadHighestSequenceNrAsync("h", 0));
        Assert.Equal([6L], (await Replay("h")).Select(p => p.SequenceNr));
    }

    [Fact]
    public async Task Delete_to_hides_events_up_to_and_including_the_bound()
    {
        await WriteEvents("d", 1, 5);
        await WriteEvents("other", 1, 3);

        await Journal.DeleteMessagesToAsync("d", 3);
        Assert.Equal([4L, 5], (await Replay("d")).Select(p => p.SequenceNr));
        Assert.Equal([1L, 2, 3], (await Replay("other")).Select(p => p.SequenceNr));

        await Journal.DeleteMessagesToAsync("d", 2); // lower than before: no change
        Assert.Equal([4L, 5], (await Replay("d")).Select(p => p.SequenceNr));

        await Journal.DeleteMessagesToAsync("d", 100); // beyond the highest: deletes all stored
        Assert.Empty(await Replay("d"));
        await WriteEvents("d", 6, 7);                   // but not events written later
        Assert.Equal([6L, 7], (await Replay("d")).Select(p => p.SequenceNr));
    }

    [Fact]
    public async Task Deleted_events_are_skipped_by_queries()
    {
        await WriteEvents("q", 1, 4, "t");
        await Journal.DeleteMessagesToAsync("q", 2);

        var all = await Journal.ReadAllEventsAsync(0, 100);
        var tagged = await Journal.ReadByTagAsync("t", 0, 100);

        Assert.Equal([3L, 4], all.Select(e => e.SequenceNr));
        Assert.Equal([3L, 4], tagged.Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Duplicate_sequence_nr_rejects_only_that_atomic_write()
    {
        await WriteEvents("dup", 1, 3);

        var results = await Write(
            new AtomicWrite(Event("b", 1)),
            new AtomicWrite(Event("dup", 3, "again")),
            new AtomicWrite(Event("dup", 4)));

        Assert.Null(results[0]);
        var duplicate = Assert.IsType<DuplicateSequenceNrException>(results[1]);
        Assert.Equal("dup", duplicate.PersistenceId);
        Assert.Equal(3, duplicate.SequenceNr);
        Assert.Contains("'dup'", duplicate.Message);
        Assert.Null(results[2]);
        var replayed = await Replay("dup");
        Assert.Equal([1L, 2, 3, 4], replayed.Select(p => p.SequenceNr));
        Assert.Equal(new TestEvent("dup", 3), replayed[2].Payload);
        Assert.Single(await Replay("b"));
    }

    [Fact]
    public async Task Atomic_write_is_all_or_nothing()
    {
        await WriteEvents("aw", 4, 4);

        var results = await Write(
            new AtomicWrite([Event("aw", 3, tags: "x"), Event("aw", 4, tags: "x"), Event("aw", 5, tags: "x")]),
            new AtomicWrite([Event("aw", 6, tags: "x"), Event("aw", 7, tags: "x"), Event("aw", 8, tags: "x")]));

        Assert.IsType<DuplicateSequenceNrException>(results[0]);
        Assert.Null(results[1]);
        Assert.Equal([4L, 6, 7, 8], (await Replay("aw")).Select(p => p.SequenceNr));
        Assert.Equal([6L, 7, 8], (await Journal.ReadByTagAsync("x", 0, 100)).Select(e => e.SequenceNr));
        Assert.Equal(8, await Journal.ReadHighestSequenceNrAsync("aw", 0));
    }

    [Fact]
    public async Task Tag_query_returns_tagged_events_in_ordering_with_from_and_max()
    {
        await Write(
            new AtomicWrite(Event("x", 1, tags: "red")),
            new AtomicWrite(Event("y", 1, tags: "blue")),
            new AtomicWrite(Event("x", 2, tags: ["red", "blue"])),
            new AtomicWrite(Event("y", 2)),
            new AtomicWrite(Event("y", 3, tags: "red")));

        var red = await Journal.ReadByTagAsync("red", 0, 100);

        Assert.Equal([("x", 1L), ("x", 2L), ("y", 3L)], red.Select(e => (e.PersistenceId, e.SequenceNr)));
        AssertStrictlyIncreasing(red.Select(e => e.Ordering));
        Assert.Equal(new TestEvent("x", 2), red[1].Event);
        Assert.Equal(["red", "blue"], red[1].Tags);
        Assert.Equal(1_700_000_000_002, red[1].Timestamp);
        Assert.Equal(["y/1", "x/2"], (await Journal.ReadByTagAsync("blue", 0, 100)).Select(e => $"{e.PersistenceId}/{e.SequenceNr}"));

        var fromSecond = await Journal.ReadByTagAsync("red", red[1].Ordering, 100);
        Assert.Equal(red.Skip(1).Select(e => e.Ordering), fromSecond.Select(e => e.Ordering));
        Assert.Equal([red[0].Ordering], (await Journal.ReadByTagAsync("red", 0, 1)).Select(e => e.Ordering));
        Assert.Empty(await Journal.ReadByTagAsync("red", 0, 0));
        Assert.Empty(await Journal.ReadByTagAsync("green", 0, 100));
        Assert.Equal(["red"], (await Replay("y", 3)).Single().Tags);
    }

    [Fact]
    public async Task All_events_query_follows_write_order_across_persistence_ids()
    {
        await Write(new AtomicWrite(Event("m", 1)), new AtomicWrite(Event("n", 1)), new AtomicWrite([Event("m", 2), Event("m", 3)]));
        await Write(new AtomicWrite(Event("n", 2)));

        var all = await Journal.ReadAllEventsAsync(0, 100);

        Assert.Equal(["m/1", "n/1", "m/2", "m/3", "n/2"], all.Select(e => $"{e.PersistenceId}/{e.SequenceNr}"));
        AssertStrictlyIncreasing(all.Select(e => e.Ordering));
        Assert.Equal(["m/3", "n/2"], (await Journal.ReadAllEventsAsync(all[3].Ordering, 100)).Select(e => $"{e.PersistenceId}/{e.SequenceNr}"));
        Assert.Equal(["m/1", "n/1"], (await Journal.ReadAllEventsAsync(0, 2)).Select(e => $"{e.PersistenceId}/{e.SequenceNr}"));
        Assert.Empty(await Journal.ReadAllEventsAsync(all[^1].Ordering + 1, 100));
    }

    [Fact]
    public async Task Concurrent_writers_lose_nothing_and_ordering_strictly_increases()
    {
        const int writers = 16;
        const int perWriter = 40;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var seq = 1; seq <= perWriter; seq++)
            {
                var results = await Journal.WriteMessagesAsync([new AtomicWrite(Event($"w{w}", seq, tags: "all"))]);
                Assert.Null(results[0]);
            }
        })));

        var all = await Journal.ReadAllEventsAsync(0, writers * perWriter * 2);
        Assert.Equal(writers * perWriter, all.Count);
        AssertStrictlyIncreasing(all.Select(e => e.Ordering));
        foreach (var group in all.GroupBy(e => e.PersistenceId))
        {
            Assert.Equal(Enumerable.Range(1, perWriter).Select(i => (long)i), group.Select(e => e.SequenceNr));
        }

        Assert.Equal(writers * perWriter, (await Journal.ReadByTagAsync("all", 0, int.MaxValue)).Count);
        for (var w = 0; w < writers; w++)
        {
            Assert.Equal(perWriter, (await Replay($"w{w}")).Count);
        }
    }

    [Fact]
    public async Task One_call_with_more_writes_than_a_batch_stores_all_in_list_order()
    {
        var writes = Enumerable.Range(1, 1200).Select(i => new AtomicWrite(Event($"big{i % 3}", (i + 2) / 3))).ToArray();

        var results = await Journal.WriteMessagesAsync(writes);

        Assert.Equal(1200, results.Count);
        Assert.All(results, Assert.Null);
        var all = await Journal.ReadAllEventsAsync(0, 2000);
        Assert.Equal(writes.Select(w => $"{w.PersistenceId}/{w.LowestSequenceNr}"), all.Select(e => $"{e.PersistenceId}/{e.SequenceNr}"));
    }

    [Fact]
    public async Task Replay_fails_when_the_callback_throws()
    {
        await WriteEvents("cb", 1, 3);

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() =>
            Journal.ReplayMessagesAsync("cb", 1, long.MaxValue, long.MaxValue, p => throw new InvalidOperationException("callback " + p.SequenceNr)));

        Assert.Equal("callback 1", error.Message);
    }

    [Fact]
    public async Task Data_survives_closing_and_reopening()
    {
        await WriteEvents("dur", 1, 6, "keep");
        await Journal.DeleteMessagesToAsync("dur", 2);
        var before = await Journal.ReadAllEventsAsync(0, 100);

        var reopened = await Reopen();

        var replayed = new List<PersistentRepresentation>();
        await reopened.ReplayMessagesAsync("dur", 1, long.MaxValue, long.MaxValue, replayed.Add);
        Assert.Equal([3L, 4, 5, 6], replayed.Select(p => p.SequenceNr));
        Assert.Equal(new TestEvent("dur", 5), replayed[2].Payload);
        Assert.Equal(6, await reopened.ReadHighestSequenceNrAsync("dur", 0));
        Assert.Equal(before.Select(e => e.Ordering), (await reopened.ReadByTagAsync("keep", 0, 100)).Select(e => e.Ordering));
        var results = await reopened.WriteMessagesAsync([new AtomicWrite(Event("dur", 7)), new AtomicWrite(Event("dur", 6))]);
        Assert.Null(results[0]);
        Assert.IsType<DuplicateSequenceNrException>(results[1]);
        Assert.True((await reopened.ReadAllEventsAsync(0, 100))[^1].Ordering > before[^1].Ordering);
    }

    private static void AssertStrictlyIncreasing(IEnumerable<long> values)
    {
        var list = values.ToList();
        for (var i = 1; i < list.Count; i++)
        {
            Assert.True(list[i] > list[i - 1], $"ordering not strictly increasing at index {i}: {list[i - 1]} then {list[i]}");
        }
    }
}
