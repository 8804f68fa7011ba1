using Akka.Actor;
using AkkaCompute.Compute.Protocol;

namespace AkkaCompute.Node.Cluster;

/// <summary>
/// The member's door for clients (<c>/user/client-gateway</c>, registered with the ClusterClientReceptionist): takes each
/// <see cref="ClientRequest"/>, asks the PeerActor or the MemoryActor on this member, and sends the answer back to the
/// request's sender (the receptionist's response tunnel of the client) as a <see cref="ClientReply"/> with the request's id.
/// An answer that does not come within the request's timeout is dropped: the client has given up by then and asks again.
/// A submission with <see cref="SubmitBatch.PushResults"/> also has its results pushed to the client as they finish.
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

    private static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Creates a gateway to <paramref name="peer"/> and <paramref name="memory"/>.</summary>
    /// <param name="peer">This member's PeerActor.</param>
    /// <param name="memory">This member's MemoryActor.</param>
    public ClientGatewayActor(IActorRef peer, IActorRef memory)
    {
        Receive<ClientRequest>(request =>
        {
            var replyTo = Sender;
            var target = request.Target == ClientTarget.Memory ? memory : peer;
            var timeout = request.Timeout < MinTimeout ? MinTimeout : request.Timeout > MaxTimeout ? MaxTimeout : request.Timeout;
            target.Ask<object>(request.Message, timeout).ContinueWith(
                answer =>
                {
                    if (answer.IsCompletedSuccessfully)
                    {
                        replyTo.Tell(new ClientReply(request.Id, answer.Result), ActorRefs.NoSender);
                        if (answer.Result is BatchAccepted accepted && request.Message is SubmitBatch { PushResults: true })
                        {
                            PushResultsOf(accepted, peer, replyTo);
                        }
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        });
    }

    /// <summary>
    /// A batch submitted with <see cref="SubmitBatch.PushResults"/> was accepted: the PeerActor is asked to push its tasks'
    /// results to the client (through the same response tunnel as the answers), as the client's <see cref="WatchResults"/>
    /// would; sent after the answer, so the client has its acknowledgement first.
    /// </summary>
    private static void PushResultsOf(BatchAccepted accepted, IActorRef peer, IActorRef client)
    {
        foreach (var chunk in accepted.Accepted.Concat(accepted.AlreadyKnown).Chunk(GetTaskResults.MaxIds))
        {
            peer.Tell(new WatchResults(chunk), client);
        }
    }

    /// <summary>Props for a gateway to <paramref name="peer"/> and <paramref name="memory"/>.</summary>
    /// <param name="peer">This member's PeerActor.</param>
    /// <param name="memory">This member's MemoryActor.</param>
    public static Props Props(IActorRef peer, IActorRef memory) => Akka.Actor.Props.Create<ClientGatewayActor>(peer, memory);
}
