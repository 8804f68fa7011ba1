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

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
