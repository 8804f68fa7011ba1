using Akka.Actor;
using AkkaCompute.Compute.Protocol;

namespace AkkaCompute.Node.Cluster;

/// <summary>
/// The sender a <see cref="ClientGatewayActor"/> gives a client's request at the PeerActor or the MemoryActor: the first
/// message told to it is wrapped in a <see cref="ClientReply"/> with the request's id and told to the client's response
/// tunnel at once, on the answering actor's thread (an Ask would complete a task whose continuation then waits for a
/// thread-pool thread). Later messages are dropped. A batch accepted with <see cref="SubmitBatch.PushResults"/> also has its
/// tasks watched for the client (<see cref="WatchResults"/> to the PeerActor, after the answer). Not registered with the
/// provider: it is a local sender only (the PeerActor and the MemoryActor answer it locally, never across nodes).
/// </summary>
internal sealed class ClientReplyRef : MinimalActorRef
{
    private readonly ClientRequest _request;
    private readonly IActorRef _client;
    private readonly IActorRef _peer;
    private int _answered;

    /// <summary>Creates the sender for <paramref name="request"/> from <paramref name="client"/> (its response tunnel).</summary>
    /// <param name="request">The client's request.</param>
    /// <param name="client">Where the answer goes.</param>
    /// <param name="peer">This member's PeerActor (for the watch of a batch submitted with pushes).</param>
    /// <param name="provider">The system's provider; it names the reference with a temporary path.</param>
    public ClientReplyRef(ClientRequest request, IActorRef client, IActorRef peer, IActorRefProvider provider)
    {
        _request = request;
        _client = client;
        _peer = peer;
        Provider = provider;
        Path = provider.TempPath();
    }

    /// <inheritdoc />
    public override ActorPath Path { get; }

    /// <inheritdoc />
    public override IActorRefProvider Provider { get; }

    /// <inheritdoc />
    protected override void TellInternal(object message, IActorRef sender)
    {
        if (Interlocked.Exchange(ref _answered, 1) != 0)
        {
            return;
        }

        _client.Tell(new ClientReply(_request.Id, message), ActorRefs.NoSender);
        if (message is BatchAccepted accepted && _request.Message is SubmitBatch { PushResults: true })
        {
            foreach (var chunk in accepted.Accepted.Concat(accepted.AlreadyKnown).Chunk(GetTaskResults.MaxIds))
            {
                _peer.Tell(new WatchResults(chunk), _client);
            }
        }
    }
}
