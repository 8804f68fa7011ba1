using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Hosting.Tests.Node;

/// <summary>One <see cref="ComputeNode"/> per data directory: a second one is refused before it opens the store.</summary>
public sealed class ComputeNodeLockTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("akc-node-lock-").FullName;

    [Fact]
    public async Task A_second_node_on_the_same_data_directory_is_refused_until_the_first_is_disposed()
    {
        var settings = new NodeSettings
        {
            Storage = new StorageSettings { DataDirectory = _dir, DatabasePath = Path.Combine(_dir, "akc.db") },
        };
        var first = await ComputeNode.StartAsync(settings);
        try
        {
            var e = await Assert.ThrowsAsync<DataDirectoryInUseException>(() => ComputeNode.StartAsync(settings));
            Assert.Equal(_dir, e.Directory);
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using var second = await ComputeNode.StartAsync(settings);
        Assert.Equal(0, (await second.StatusAsync()).Running);
    }

    [Fact]
    public async Task Two_nodes_with_their_own_data_directories_but_one_database_elsewhere_are_refused_naming_the_database_directory()
    {
        var store = Path.Combine(_dir, "store");
        NodeSettings Settings(string data) => new()
        {
            Storage = new StorageSettings { DataDirectory = Path.Combine(_dir, data), DatabasePath = Path.Combine(store, "akc.db") },
        };
        await using (var first = await ComputeNode.StartAsync(Settings("a")))
        {
            var e = await Assert.ThrowsAsync<DataDirectoryInUseException>(() => ComputeNode.StartAsync(Settings("b")));
            Assert.Equal(store, e.Directory);
            Assert.True(e.IsDatabaseDirectory);
            Assert.Contains($"database directory {store} is in use by another akc process", e.Message);
            Assert.EndsWith("or use another --db", e.Message);

            // The refused node released the data directory it had locked first.
            DataDirectoryLock.Acquire(Path.Combine(_dir, "b")).Dispose();
        }

        await using var second = await ComputeNode.StartAsync(Settings("b"));
        Assert.Equal(0, (await second.StatusAsync()).Running);

        // Another database in the same directory is another store: not refused.
        var other = new NodeSettings { Storage = new StorageSettings { DataDirectory = Path.Combine(_dir, "c"), DatabasePath = Path.Combine(store, "other.db") } };
        await using var third = await ComputeNode.StartAsync(other);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
