namespace AkkaCompute.Node.Cluster;

/// <summary>Which actor of the contact member a <see cref="ClientRequest"/> is for.</summary>
public enum ClientTarget
{
    /// <summary>The PeerActor (<c>/user/peer</c>): submissions, status, results, cancellation, history, clock, membership.</summary>
    Peer = 0,

    /// <summary>The MemoryActor (<c>/user/memory</c>): the shared key-value memory.</summary>
    Memory = 1,
}

/// <summary>
/// A client's request, sent through ClusterClient to the contact member's <see cref="ClientGatewayActor"/> from the client's
/// one reply actor, so that the member's ClusterClientReceptionist keeps one response tunnel for the client instead of
/// creating one per ask (each Ask has a sender of its own, and the receptionist builds each tunnel's Props from an
/// expression it compiles). Serialized by <see cref="ClientEnvelopeSerializer"/>, <see cref="Message"/> with its own serializer.
/// </summary>
/// <param name="Id">The client's correlation id; the answer comes back in a <see cref="ClientReply"/> with the same id.</param>
/// <param name="Target">The actor the message is for.</param>
/// <param name="Message">The request itself (e.g. a SubmitBatch, or a MemoryGet).</param>
/// <param name="Timeout">How long the client waits for the answer (it drops a later one and asks again).</param>
public sealed record ClientRequest(long Id, ClientTarget Target, object Message, TimeSpan Timeout);

/// <summary>The answer to the <see cref="ClientRequest"/> with <paramref name="Id"/>, tunnelled back to the client's reply actor.</summary>
/// <param name="Id">The request's correlation id.</param>
/// <param name="Reply">What the target actor answered (e.g. a BatchAccepted, or a MemoryValue).</param>
public sealed record ClientReply(long Id, object Reply);
