using System.Runtime.Serialization;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using AkkaCompute.Compute.Memory;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Cluster;

namespace AkkaCompute.Node.Tests.Cluster;

/// <summary>A client's requests reach the peer or the memory through the gateway and come back with their ids (the first answer only), serialized as envelopes.</summary>
public sealed class ClientGatewayTests() : TestKit(TestConfig.Base)
{
    [Fact]
    public void A_request_reaches_its_target_and_the_answer_comes_back_with_its_id()
    {
        var peer = CreateTestProbe();
        var memory = CreateTestProbe();
        var gateway = Sys.ActorOf(ClientGatewayActor.Props(peer.Ref, memory.Ref));

        gateway.Tell(new ClientRequest(7, ClientTarget.Peer, new GetNodeStatus(), TimeSpan.FromSeconds(30)));
        peer.ExpectMsg<GetNodeStatus>();
        peer.Reply(new CancelResult("t", false, "unknown task"));
        var reply = ExpectMsg<ClientReply>();
        Assert.Equal(7, reply.Id);
        Assert.Equal(new CancelResult("t", false, "unknown task"), reply.Reply);
        peer.Reply(new CancelResult("t", true, null)); // a second answer to the same request is dropped (the next reply is request 8's)

        gateway.Tell(new ClientRequest(8, ClientTarget.Memory, new MemoryGet("k", MemoryConsistency.Local), TimeSpan.FromSeconds(30)));
        Assert.Equal("k", memory.ExpectMsg<MemoryGet>().Key);
        memory.Reply(new MemoryValue("k", null));
        Assert.Equal(8, ExpectMsg<ClientReply>().Id);
        peer.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void An_accepted_submission_that_asks_for_pushes_has_its_tasks_watched_for_the_client_after_the_answer()
    {
        var peer = CreateTestProbe();
        var gateway = Sys.ActorOf(ClientGatewayActor.Props(peer.Ref, CreateTestProbe().Ref));
        var tasks = new List<TaskSpec> { new() { Id = "new", Function = "echo" }, new() { Id = "known", Function = "echo" } };

        gateway.Tell(new ClientRequest(1, ClientTarget.Peer, new SubmitBatch(tasks, JobId: "job", PushResults: true), TimeSpan.FromSeconds(30)));
        peer.ExpectMsg<SubmitBatch>();
        peer.Reply(new BatchAccepted(["new"], ["known"]));
        Assert.Equal(1, ExpectMsg<ClientReply>().Id);
        var watch = peer.ExpectMsg<WatchResults>();
        Assert.Equal(["new", "known"], watch.TaskIds);
        Assert.Equal(TestActor, peer.LastSender); // the member pushes to the client's sender (its response tunnel)

        // Without the flag, or refused: nothing is watched.
        gateway.Tell(new ClientRequest(2, ClientTarget.Peer, new SubmitBatch(tasks, JobId: "job"), TimeSpan.FromSeconds(30)));
        peer.ExpectMsg<SubmitBatch>();
        peer.Reply(new BatchAccepted(["new"], []));
        Assert.Equal(2, ExpectMsg<ClientReply>().Id);
        gateway.Tell(new ClientRequest(3, ClientTarget.Peer, new SubmitBatch(tasks, PushResults: true), TimeSpan.FromSeconds(30)));
        peer.ExpectMsg<SubmitBatch>();
        peer.Reply(new BatchRefused("no"));
        Assert.Equal(3, ExpectMsg<ClientReply>().Id);
        gateway.Tell(new ClientRequest(4, ClientTarget.Peer, new GetNodeStatus(), TimeSpan.FromSeconds(30)));
        peer.ExpectMsg<GetNodeStatus>(); // the next message: no WatchResults came before it
    }

    private T RoundTrip<T>(T message)
        where T : notnull => SerializationAssert.RoundTrips<ClientEnvelopeSerializer, T>(Sys, message);

    [Fact]
    public void Envelopes_round_trip_with_the_message_inside_written_by_its_own_serializer()
    {
        var task = new TaskSpec { Id = "a", Function = "echo", Args = System.Text.Json.JsonDocument.Parse("""{"n":[1,2]}""").RootElement.Clone() };
        var request = RoundTrip(new ClientRequest(42, ClientTarget.Peer, new SubmitBatch([task], "client", "job"), TimeSpan.FromSeconds(15)));
        Assert.Equal((42L, ClientTarget.Peer, TimeSpan.FromSeconds(15)), (request.Id, request.Target, request.Timeout));
        var batch = Assert.IsType<SubmitBatch>(request.Message);
        Assert.Equal("""{"n":[1,2]}""", Assert.Single(batch.Tasks).Args.GetRawText());

        var memory = RoundTrip(new ClientRequest(43, ClientTarget.Memory, new MemorySet("k", "1", MemoryConsistency.Majority, "c"), TimeSpan.FromSeconds(1)));
        Assert.Equal(new MemorySet("k", "1", MemoryConsistency.Majority, "c"), memory.Message);

        var reply = RoundTrip(new ClientReply(42, new BatchAccepted(["a"], [])));
        Assert.Equal(42, reply.Id);
        Assert.Equal(["a"], Assert.IsType<BatchAccepted>(reply.Reply).Accepted);
    }

    [Fact]
    public void Bad_envelopes_are_refused_with_what_is_wrong()
    {
        var serializer = new ClientEnvelopeSerializer((ExtendedActorSystem)Sys);
        Assert.Contains("akc.client-nope.v1", Assert.Throws<SerializationException>(() => serializer.FromBinary([], "akc.client-nope.v1")).Message);
        var bytes = serializer.ToBinary(new ClientReply(1, new MemoryValue("k", null)));
        Assert.Contains("truncated", Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes[..^3], "akc.client-reply.v1")).Message);
        var request = serializer.ToBinary(new ClientRequest(1, ClientTarget.Peer, new GetNodeStatus(), TimeSpan.FromSeconds(1)));
        request[8] = 9; // the target byte
        Assert.Contains("unknown target 9", Assert.Throws<SerializationException>(() => serializer.FromBinary(request, "akc.client-request.v1")).Message);
        Assert.Throws<ArgumentException>(() => serializer.ToBinary("not an envelope"));
    }
}
