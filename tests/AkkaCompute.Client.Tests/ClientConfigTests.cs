using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Cluster;

namespace AkkaCompute.Client.Tests;

public sealed class ClientConfigTests
{
    [Fact]
    public void What_a_client_sends_goes_through_the_nodes_serializer_with_its_arguments()
    {
        using var system = ActorSystem.Create("akc-client", ComputeClient.ClientConfig("127.0.0.1"));
        var task = new TaskSpec { Id = "s", Function = "sha256", Args = System.Text.Json.JsonDocument.Parse("""{"file":"/etc/hostname"}""").RootElement.Clone() };
        var batch = new SubmitBatch([task], null, "job");
        var serializer = system.Serialization.FindSerializerFor(batch);
        Assert.IsType<ClusterMessageSerializer>(serializer);
        var back = (SubmitBatch)system.Serialization.Deserialize(serializer.ToBinary(batch), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, batch));
        Assert.Equal("""{"file":"/etc/hostname"}""", back.Tasks[0].Args.GetRawText());

        // What ClusterClient really puts on the wire: its Send, with our message inside (akka.net #6803).
        var send = new Akka.Cluster.Tools.Client.ClusterClient.Send("/user/peer", batch, localAffinity: true);
        var outer = system.Serialization.FindSerializerFor(send);
        Assert.IsNotType<Akka.Serialization.NewtonSoftJsonSerializer>(outer);
        var sendBack = system.Serialization.Deserialize(outer.ToBinary(send), outer.Identifier, Akka.Serialization.Serialization.ManifestFor(outer, send));
        var inner = (SubmitBatch)((Akka.Cluster.Tools.Client.ClusterClient.Send)sendBack).Message;
        Assert.Equal("""{"file":"/etc/hostname"}""", inner.Tasks[0].Args.GetRawText());

        // ...which the client forwards to the receptionist as DistributedPubSub's Send: never Newtonsoft either.
        var pubSubSend = new Akka.Cluster.Tools.PublishSubscribe.Send("/user/peer", batch, localAffinity: true);
        Assert.IsNotType<Akka.Serialization.NewtonSoftJsonSerializer>(system.Serialization.FindSerializerFor(pubSubSend));
    }
}
