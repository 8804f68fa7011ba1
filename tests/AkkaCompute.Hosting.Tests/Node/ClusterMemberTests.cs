using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;
using AkkaCompute.Node.Cluster;

namespace AkkaCompute.Hosting.Tests.Node;

/// <summary>A node started as a cluster member (as akc node starts it) with the shipped Akka configuration.</summary>
public sealed class ClusterMemberTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("akc-member-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task What_crosses_nodes_goes_through_our_serializer_and_the_peer_is_registered_with_the_receptionist()
    {
        var settings = NodeSettingsLoader.Load(null, _ => null, new Dictionary<string, string>
        {
            ["akka.remote.dot-netty.tcp.port"] = "0",
            ["storage.data-dir"] = _dir,
        });
        await using var node = await ComputeNode.StartMemberAsync(settings, new ClusterMembership(settings.SystemName, settings.Akka));

        var task = new TaskSpec { Id = "s", Function = "sha256", Args = System.Text.Json.JsonDocument.Parse("""{"file":"/x"}""").RootElement.Clone() };
        foreach (object message in new object[] { new RunTasks([new QueuedTask(task, 1, DateTimeOffset.UnixEpoch)]), new SubmitBatch([task]), new GetMembership(), MerkleClockData.Empty })
        {
            Assert.IsType<ClusterMessageSerializer>(node.System.Serialization.FindSerializerFor(message));
        }

        var frame = node.System.Settings.Config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size");
        Assert.Equal(4194304, frame);
    }
}
