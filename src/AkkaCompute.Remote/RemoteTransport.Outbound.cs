using System.Buffers;
using System.Collections.Concurrent;
using AkkaCompute.Actors;
using AkkaCompute.Remote.Endpoint;
using AkkaCompute.Remote.Transport;
using AkkaCompute.Remote.Wire;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Remote;

/// <summary>Outbound: user messages and DeathWatch system messages become frames on an association's queue.</summary>
internal sealed partial class RemoteTransport
{
    private const int LocalWireRefLimit = 10_000;
    private const int PayloadBufferKeepBytes = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_payload;

    // By reference: a local ref object is unique per incarnation, and path hashing walks every element.
    private readonly ConcurrentDictionary<ActorRefBase, ActorRefData> _localWireRefs = new(ReferenceEqualityComparer.Instance);

    /// <summary>Serializes <paramref name="message"/> for <paramref name="recipient"/> and queues it; every failure goes to dead letters with the reason.</summary>
    public void Send(RemoteActorRef recipient, object message, IActorRef sender)
    {
        var association = _shutdown.IsCancellationRequested ? null : recipient.Association ??= GetAssociation(recipient.Path.Address);
        if (association is null)
        {
            DeadLetter(message, sender, recipient, "remoting is shut down");
            return;
        }

        OutboundFrame frame;
        try
        {
            frame = EncodeEnvelope(recipient, message, sender);
        }
        catch (Exception e)
        {
            DeadLetter(message, sender, recipient, $"could not serialize {message.GetType().FullName}: {e.Message}");
            return;
        }

        var payloadBytes = frame.Length - Transport.FrameCodec.LengthPrefixBytes;
        if (payloadBytes > Settings.MaximumFrameSizeBytes)
        {
            frame.Return();
            DeadLetter(message, sender, recipient, $"message of {payloadBytes} bytes exceeds akc.remote.transport.maximum-frame-size ({Settings.MaximumFrameSizeBytes} bytes)");
            return;
        }

        association.EnqueueUser(frame);
    }

    /// <summary>Handles a system message sent to a remote ref: Watch/Unwatch go through the <see cref="RemoteWatcher"/>, a death notification crosses the wire.</summary>
    public void SendSystemMessage(RemoteActorRef target, SystemMessage message)
    {
        switch (message)
        {
            case Watch w when w.Watchee.Equals(target) && w.Watcher is not RemoteActorRef:
                Watcher.Tell(new RemoteWatcher.WatchRemote(target, w.Watcher), ActorRefs.NoSender);
                break;
            case Unwatch u when u.Watchee.Equals(target) && u.Watcher is not RemoteActorRef:
                Watcher.Tell(new RemoteWatcher.UnwatchRemote(target, u.Watcher), ActorRefs.NoSender);
                break;
            case DeathWatchNotification n:
                SendSystemEnvelope(target.Path.Address, new SystemEnvelope
                {
                    DeathWatchNotification = new DeathWatchNotificationData
                    {
                        Actor = WireRefOf(n.Actor),
                        Watcher = target.WireRef,
                        ExistenceConfirmed = n.ExistenceConfirmed,
                        AddressTerminated = n.AddressTerminated,
                    },
                });
                break;
        }
    }

    /// <summary>
    /// Sends a DeathWatch message (Watch, Unwatch, DeathWatchNotification) to <paramref name="address"/> reliably: numbered,
    /// resent on a new connection until acknowledged (see <see cref="SystemMessageBuffer"/>).
    /// </summary>
    public void SendSystemEnvelope(Address address, SystemEnvelope envelope) => GetAssociation(address)?.EnqueueSystemMessage(envelope);

    /// <summary>Queues a control frame (heartbeat, acknowledgement) for <paramref name="address"/>; not resent when lost.</summary>
    public void SendSystemFrame(Address address, WireFrame frame)
    {
        var association = GetAssociation(address);
        if (association is null)
        {
            return;
        }

        association.EnqueueSystem(OutboundFrame.Encode(frame, null));
    }

    /// <summary>The wire form of a ref; local refs are cached (bounded), temporary refs are registered each time.</summary>
    public ActorRefData WireRefOf(IActorRef actorRef)
    {
        switch (actorRef)
        {
            case RemoteActorRef remote:
                return remote.WireRef;
            case ActorRefBase { TemporaryCompletion: null } local:
                if (_localWireRefs.TryGetValue(local, out var data))
                {
                    return data;
                }

                if (_localWireRefs.Count >= LocalWireRefLimit)
                {
                    _localWireRefs.Clear();
                }

                data = new ActorRefData { Path = ToSerializationFormat(local) };
                _localWireRefs[local] = data;
                return data;
            default:
                return new ActorRefData { Path = ToSerializationFormat(actorRef) };
        }
    }

    /// <summary>
    /// Serializes <paramref name="message"/> into a pooled buffer and writes the envelope frame around it with
    /// <see cref="EnvelopeEncoder"/> (the bytes the generated protobuf code would write, without its message objects).
    /// </summary>
    private OutboundFrame EncodeEnvelope(RemoteActorRef recipient, object message, IActorRef sender)
    {
        var payload = t_payload ??= new ArrayBufferWriter<byte>(256);
        payload.ResetWrittenCount();
        try
        {
            Serialization.Serialize(message, payload, out var serializerId, out var manifest);
            var parts = new EnvelopeEncoder.Parts(recipient.WireRef.Path, sender is Nobody ? null : WireRefOf(sender).Path, serializerId, manifest);
            var layout = EnvelopeEncoder.Measure(parts, payload.WrittenCount);
            var buffer = ArrayPool<byte>.Shared.Rent(layout.TotalBytes);
            var length = EnvelopeEncoder.Write(buffer, parts, layout, payload.WrittenSpan);
            return new OutboundFrame(buffer, length, new UndeliveredMessage(message, sender, recipient));
        }
        finally
        {
            if (payload.Capacity > PayloadBufferKeepBytes)
            {
                t_payload = null;
            }
        }
    }

    /// <summary>Puts a message that cannot be sent into dead letters with <paramref name="reason"/>.</summary>
    public void DeadLetter(object message, IActorRef sender, IActorRef recipient, string reason) =>
        System.DeadLetterRef.Deliver(new DeadLetter(message, sender, recipient, reason));

    /// <summary>Dead-letters a queued frame that will never be sent (association refused or closed).</summary>
    public void DeadLetter(in OutboundFrame frame, string reason)
    {
        if (frame.Undelivered is { } u)
        {
            DeadLetter(u.Message, u.Sender, u.Recipient, reason);
        }
        else
        {
            Log.LogDebug("dropped a control frame: {Reason}", reason);
        }
    }
}
