using AkkaCompute.Actors;
using AkkaCompute.Persistence;

namespace AkkaCompute.Persistence.Tests;

public sealed class ContractTests
{
    private static PersistentRepresentation P(string pid, long seq) => new(pid, seq, "e");

    [Fact]
    public void Atomic_write_exposes_its_range()
    {
        var write = new AtomicWrite([P("a", 3), P("a", 4), P("a", 7)]);

        Assert.Equal("a", write.PersistenceId);
        Assert.Equal(3, write.LowestSequenceNr);
        Assert.Equal(7, write.HighestSequenceNr);
        Assert.Equal(3, write.Size);
    }

    [Fact]
    public void Atomic_write_refuses_empty_mixed_or_unordered_events()
    {
        Assert.Throws<ArgumentException>(() => new AtomicWrite(Array.Empty<PersistentRepresentation>()));
        Assert.Contains("'a' and 'b'", Assert.Throws<ArgumentException>(() => new AtomicWrite([P("a", 1), P("b", 2)])).Message);
        Assert.Throws<ArgumentException>(() => new AtomicWrite([P("a", 2), P("a", 2)]));
        Assert.Throws<ArgumentException>(() => new AtomicWrite([P("a", 0)]));
        Assert.Throws<ArgumentException>(() => new AtomicWrite([P("", 1)]));
    }

    [Fact]
    public void Representation_tags_are_never_null()
    {
        Assert.Empty(P("a", 1).Tags);
        Assert.Equal(["t"], new PersistentRepresentation("a", 1, "e", Tags: ["t"]).Tags);
    }

    [Fact]
    public void Criteria_bounds_are_inclusive()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1000);
        var meta = new SnapshotMetadata("p", 10, at);

        Assert.True(SnapshotSelectionCriteria.Latest.IsMatch(meta));
        Assert.False(SnapshotSelectionCriteria.None.IsMatch(meta));
        Assert.False(SnapshotSelectionCriteria.None.IsMatch(meta with { SequenceNr = 0 }));
        Assert.True(new SnapshotSelectionCriteria(10, at, 10, at).IsMatch(meta));
        Assert.False(new SnapshotSelectionCriteria(9).IsMatch(meta));
        Assert.False(new SnapshotSelectionCriteria(minSequenceNr: 11).IsMatch(meta));
        Assert.False(new SnapshotSelectionCriteria(maxTimestamp: at.AddTicks(-1)).IsMatch(meta));
        Assert.False(new SnapshotSelectionCriteria(minTimestamp: at.AddTicks(1)).IsMatch(meta));
    }

    [Theory]
    [InlineData(0, 30, 200, "persistence.recovery-batch-size")]
    [InlineData(1_000_001, 30, 200, "persistence.recovery-batch-size")]
    [InlineData(10, 0, 200, "persistence.recovery-event-timeout")]
    [InlineData(10, 30, 0, "persistence.max-message-batch-size")]
    public void Invalid_persistence_settings_name_the_key(int batch, int timeoutSeconds, int maxMessages, string key)
    {
        var settings = new PersistenceSettings { RecoveryBatchSize = batch, RecoveryEventTimeout = TimeSpan.FromSeconds(timeoutSeconds), MaxMessageBatchSize = maxMessages };

        Assert.Equal(key, Assert.Throws<ConfigurationException>(settings.Validate).Key);
    }
}
