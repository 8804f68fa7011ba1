using AkkaCompute.Actors;
using AkkaCompute.Remote.Wire;

namespace AkkaCompute.Remote;

/// <summary>
/// A reference to an actor in another actor system (Akka's RemoteActorRef). <see cref="Tell"/> serializes the
/// message on the caller's thread and queues it on the association with the actor's node; a message that cannot be
/// serialized, is larger than the frame limit, or finds the send queue full goes to dead letters with the reason.
/// Watching it works as for a local actor: <see cref="Terminated"/> arrives when the actor stops, its node shuts down,
/// or the node is declared failed by the phi-accrual failure detector.
/// </summary>
public sealed class RemoteActorRef : ActorRefBase
{
    private readonly RemoteTransport _transport;

    internal RemoteActorRef(RemoteTransport transport, ActorPath path)
    {
        _transport = transport;
        Path = path;
        WireRef = new ActorRefData { Path = path.ToSerializationFormat() };
    }

    /// <inheritdoc />
    public override ActorPath Path { get; }

    /// <summary>The serialized form, shared by every frame that names this ref (read-only once built).</summary>
    internal ActorRefData WireRef { get; }

    /// <summary>
    /// The association with this actor's node, once a message was sent (as Akka's RemoteActorRef keeps its endpoint):
    /// associations live as long as the transport, so the address lookup is paid once per ref, not per message.
    /// </summary>
    internal Endpoint.Association? Association { get; set; }

    /// <inheritdoc />
    public override void Tell(object message, IActorRef sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        _transport.Send(this, message, sender ?? ActorRefs.NoSender);
    }

    internal override void SendSystemMessage(SystemMessage message) => _transport.SendSystemMessage(this, message);

    internal override ActorSystemImpl? SystemImpl => _transport.System;
}
