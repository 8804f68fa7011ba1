using AkkaCompute.Persistence;

namespace AkkaCompute.Persistence.Tests.Actor;

public sealed class PersistenceExtensionTests : ActorTestKit
{
    [Fact]
    public void Without_configuration_the_system_uses_one_pair_of_in_memory_stores()
    {
        var first = Persistence.Get(Sys);

        Assert.Same(first, Persistence.Get(Sys));
        Assert.IsType<InMemoryJournal>(first.Journal);
        Assert.IsType<InMemorySnapshotStore>(first.SnapshotStore);
        Assert.Same(Sys, first.System);
    }

    [Fact]
    public void Configure_sets_the_stores_once()
    {
        var journal = new InMemoryJournal();
        var snapshots = new InMemorySnapshotStore();

        var extension = Persistence.Configure(Sys, journal, snapshots);

        Assert.Same(extension, Persistence.Get(Sys));
        Assert.Same(journal, Persistence.Get(Sys).Journal);
        Assert.Same(snapshots, Persistence.Get(Sys).SnapshotStore);
        var again = Assert.Throws<InvalidOperationException>(() => Persistence.Configure(Sys, new InMemoryJournal(), snapshots));
        Assert.Contains(Sys.Name, again.Message);
    }

    [Fact]
    public void Configure_after_first_use_is_refused()
    {
        Persistence.Get(Sys);

        Assert.Throws<InvalidOperationException>(() => Persistence.Configure(Sys, new InMemoryJournal(), new InMemorySnapshotStore()));
    }

    [Fact]
    public void Configure_validates_the_settings()
    {
        var error = Assert.Throws<ConfigurationException>(() => Persistence.Configure(Sys, new PersistenceSettings { MaxMessageBatchSize = 0 }));

        Assert.Equal("persistence.max-message-batch-size", error.Key);
    }
}
