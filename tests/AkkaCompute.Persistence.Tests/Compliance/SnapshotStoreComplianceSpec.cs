using AkkaCompute.Persistence;

namespace AkkaCompute.Persistence.Tests.Compliance;

/// <summary>
/// The compliance suite every <see cref="ISnapshotStore"/> passes. A store joins with a tiny derived class that opens the
/// store on fresh storage per test and can close and reopen it. Timestamps are whole milliseconds (SQL stores keep ms).
/// </summary>
public abstract class SnapshotStoreComplianceSpec : IAsyncLifetime
{
    private ISnapshotStore? _store;

    protected ISnapshotStore Store => _store ?? throw new InvalidOperationException("not initialized");

    /// <summary>Opens the store on this test's storage; the first call creates empty storage.</summary>
    protected abstract ISnapshotStore Open();

    /// <summary>Closes the store opened last, keeping its data.</summary>
    protected abstract Task CloseAsync();

    public Task InitializeAsync()
    {
        _store = Open();
        return Task.CompletedTask;
    }

    public virtual Task DisposeAsync() => CloseAsync();

    protected static DateTimeOffset At(long seconds) => DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + (seconds * 1000));

    protected static SnapshotMetadata Meta(string pid, long seq) => new(pid, seq, At(seq));

    protected static TestState State(string pid, long seq) => new($"{pid}@{seq}", [(int)seq, (int)seq * 2]);

    /// <summary>Saves snapshots at 5, 10 and 15 for <paramref name="pid"/>, timestamped 5, 10 and 15 s after the base time.</summary>
    protected async Task SaveThree(string pid)
    {
        foreach (var seq in new long[] { 5, 10, 15 })
        {
            await Store.SaveAsync(Meta(pid, seq), State(pid, seq));
        }
    }

    [Fact]
    public async Task Load_returns_null_when_there_is_no_snapshot()
    {
        Assert.Null(await Store.LoadAsync("none", SnapshotSelectionCriteria.Latest));
    }

    [Fact]
    public async Task Load_latest_returns_the_newest_snapshot_with_its_metadata()
    {
        await SaveThree("s");

        var loaded = await Store.LoadAsync("s", SnapshotSelectionCriteria.Latest);

        Assert.NotNull(loaded);
        Assert.Equal(Meta("s", 15), loaded.Metadata);
        var state = Assert.IsType<TestState>(loaded.Snapshot);
        Assert.Equal("s@15", state.Name);
        Assert.Equal([15, 30], state.Values);
    }

    [Fact]
    public async Task Load_honours_every_bound_of_the_criteria()
    {
        await SaveThree("c");

        async Task<long?> Load(SnapshotSelectionCriteria criteria) => (await Store.LoadAsync("c", criteria))?.Metadata.SequenceNr;

        Assert.Equal(10, await Load(new SnapshotSelectionCriteria(maxSequenceNr: 14)));
        Assert.Equal(10, await Load(new SnapshotSelectionCriteria(maxSequenceNr: 10)));
        Assert.Equal(5, await Load(new SnapshotSelectionCriteria(maxTimestamp: At(9))));
        Assert.Equal(10, await Load(new SnapshotSelectionCriteria(maxTimestamp: At(10))));
        Assert.Null(await Load(new SnapshotSelectionCriteria(maxSequenceNr: 14, minSequenceNr: 11)));
        Assert.Equal(15, await Load(new SnapshotSelectionCriteria(minSequenceNr: 11)));
        Assert.Null(await Load(new SnapshotSelectionCriteria(maxTimestamp: At(12), minTimestamp: At(11))));
        Assert.Equal(15, await Load(new SnapshotSelectionCriteria(minTimestamp: At(15))));
        Assert.Null(await Load(new SnapshotSelectionCriteria(maxSequenceNr: 4)));
        Assert.Null(await Load(SnapshotSelectionCriteria.None));
    }

    [Fact]
    public async Task Saving_the_same_sequence_nr_replaces_the_snapshot()
    {
        await Store.SaveAsync(Meta("r", 7), State("r", 7));
        await Store.SaveAsync(new SnapshotMetadata("r", 7, At(8)), new TestState("replaced", [1]));

        var loaded = await Store.LoadAsync("r", SnapshotSelectionCriteria.Latest);

        Assert.Equal(new SnapshotMetadata("r", 7, At(8)), loaded!.Metadata);
        Assert.Equal("replaced", ((TestState)loaded.Snapshot).Name);
    }

    [Fact]
    public async Task Delete_by_metadata_removes_only_that_snapshot()
    {
        await SaveThree("dm");
        await SaveThree("keep");

        await Store.DeleteAsync(Meta("dm", 15));

        Assert.Equal(10, (await Store.LoadAsync("dm", SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr);
        Assert.Equal(15, (await Store.LoadAsync("keep", SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr);
        await Store.DeleteAsync(Meta("dm", 99)); // no such snapshot: no error
    }

    [Fact]
    public async Task Delete_by_criteria_removes_every_match()
    {
        await SaveThree("dc");
        await SaveThree("keep");

        await Store.DeleteAsync("dc", new SnapshotSelectionCriteria(maxSequenceNr: 10));

        Assert.Null(await Store.LoadAsync("dc", new SnapshotSelectionCriteria(maxSequenceNr: 14)));
        Assert.Equal(15, (await Store.LoadAsync("dc", SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr);
        Assert.Equal(5, (await Store.LoadAsync("keep", new SnapshotSelectionCriteria(maxSequenceNr: 5)))!.Metadata.SequenceNr);

        await Store.DeleteAsync("dc", SnapshotSelectionCriteria.Latest);
        Assert.Null(await Store.LoadAsync("dc", SnapshotSelectionCriteria.Latest));
    }

    [Fact]
    public async Task Persistence_ids_are_isolated()
    {
        await Store.SaveAsync(Meta("one", 3), State("one", 3));
        await Store.SaveAsync(Meta("two", 9), State("two", 9));

        Assert.Equal("one@3", ((TestState)(await Store.LoadAsync("one", SnapshotSelectionCriteria.Latest))!.Snapshot).Name);
        Assert.Equal("two@9", ((TestState)(await Store.LoadAsync("two", SnapshotSelectionCriteria.Latest))!.Snapshot).Name);
        Assert.Null(await Store.LoadAsync("on", SnapshotSelectionCriteria.Latest));
    }

    [Fact]
    public async Task Snapshots_survive_closing_and_reopening()
    {
        await SaveThree("dur");
        await Store.DeleteAsync(Meta("dur", 15));

        await CloseAsync();
        _store = Open();

        var loaded = await Store.LoadAsync("dur", SnapshotSelectionCriteria.Latest);
        Assert.Equal(Meta("dur", 10), loaded!.Metadata);
        Assert.Equal(State("dur", 10).Name, ((TestState)loaded.Snapshot).Name);
    }
}
