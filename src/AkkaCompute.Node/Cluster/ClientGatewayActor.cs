using Akka.Actor;
using AkkaCompute.Compute.Protocol;

namespace AkkaCompute.Node.Cluster;

/// <summary>
/// The member's door for clients (<c>/user/client-gateway</c>, registered with the ClusterClientReceptionist): takes each
/// <see cref="ClientRequest"/> to the PeerActor or the MemoryActor on this member, with a <see cref="ClientReplyRef"/> as its
/// sender, which sends the answer back to the request's sender (the receptionist's response tunnel of the client) as a
/// <see cref="ClientReply"/> with the request's id. An answer that comes after the client stopped waiting (its request's
/// timeout) is dropped by the client, which has asked again by then. A submission with <see cref="SubmitBatch.PushResults"/>
/// also has its results pushed to the client as they finish.
/// <para>
/// Why it exists: a ClusterClient ask gives every request a sender of its own, and Akka's ClusterClientReceptionist creates
/// a response-tunnel actor per sender, building its Props from an expression that is compiled (and jitted) every time.
/// Measured on a three-member cluster (<c>bench/run latency</c>), that was about a tenth of the contact member's CPU.
/// With one sender per client the receptionist keeps one tunnel.
/// </para>
/// </summary>
public sealed class ClientGatewayActor : ReceiveActor
{
    /// <summary>The actor's name under /user: <c>client-gateway</c>.</summary>
    public const string Name = "client-gateway";

    /// <summary>Creates a gateway to <paramref name="peer"/> and <paramref name="memory"/>.</summary>
    /// <param name="peer">This member's PeerActor.</param>
    /// <param name="memory">This member's MemoryActor.</param>
    public ClientGatewayActor(IActorRef peer, IActorRef memory)
    {
        Receive<ClientRequest>(request =>
        {
            var target = request.Target == ClientTarget.Memory ? memory : peer;
            target.Tell(request.Message, new ClientReplyRef(request, Sender, peer, ((ExtendedActorSystem)Context.System).Provider));
        });
    }

    /// <summary>Props for a gateway to <paramref name="peer"/> and <paramref name="memory"/>.</summary>
    /// <param name="peer">This member's PeerActor.</param>
    /// <param name="memory">This member's MemoryActor.</param>
    public static Props Props(IActorRef peer, IActorRef memory) => Akka.Actor.Props.Create<ClientGatewayActor>(peer, memory);
}
