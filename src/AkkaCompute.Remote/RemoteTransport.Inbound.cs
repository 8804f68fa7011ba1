using AkkaCompute.Actors;
using AkkaCompute.Remote.Endpoint;
using AkkaCompute.Remote.Transport;
using AkkaCompute.Remote.Wire;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Remote;

/// <summary>A remote message whose payload could not be deserialized; it goes to dead letters in place of the message.</summary>
/// <param name="From">The sending system.</param>
/// <param name="SerializerId">The serializer id on the wire.</param>
/// <param name="Manifest">The manifest on the wire.</param>
/// <param name="SizeBytes">The payload's size in bytes.</param>
public sealed record UnreadableRemoteMessage(Address From, int SerializerId, string Manifest, int SizeBytes);

/// <summary>Inbound: frames from an authenticated association reach local actors.</summary>
internal sealed partial class RemoteTransport
{
    private const int InboundRecipientLimit = 10_000;

    private readonly WireStringCache _wireStrings = new();

    /// <summary>Delivers a user envelope; an unreadable payload or a missing recipient goes to dead letters, never breaking the association.</summary>
    public void DeliverEnvelope(RemoteEnvelope envelope, Address from)
    {
        var payload = envelope.Message ?? new Payload();
        Deliver(envelope.Sender?.Path, envelope.Recipient?.Path ?? string.Empty, payload.SerializerId, payload.Manifest, payload.Message.Span, from);
    }

    /// <summary>
    /// Delivers a user envelope read by <see cref="EnvelopeDecoder"/> straight from the received bytes: paths and manifest
    /// come from <see cref="_wireStrings"/> and the payload is deserialized in place, so a steady stream allocates no
    /// protobuf objects and no strings.
    /// </summary>
    public void DeliverEnvelope(in EnvelopeView envelope, Address from) =>
        Deliver(
            envelope.HasSender ? _wireStrings.Get(envelope.SenderPath) : null,
            _wireStrings.Get(envelope.RecipientPath),
            envelope.SerializerId,
            _wireStrings.Get(envelope.Manifest),
            envelope.Message,
            from);

    private void Deliver(string? senderPath, string recipientPath, int serializerId, string manifest, ReadOnlySpan<byte> bytes, Address from)
    {
        var sender = senderPath is null ? ActorRefs.NoSender : ResolveActorRef(senderPath);
        object message;
        try
        {
            message = Serialization.Deserialize(serializerId, manifest, bytes);
        }
        catch (Exception e)
        {
            var unreadable = new UnreadableRemoteMessage(from, serializerId, manifest, bytes.Length);
            DeadLetter(unreadable, sender, System.DeadLetters, $"message from {from} to {recipientPath} could not be deserialized: {e.Message}");
            return;
        }

        var recipient = ResolveInboundRecipient(recipientPath, out var selectionPath);
        if (recipient is not null)
        {
            recipient.Tell(message, sender);
        }
        else if (selectionPath is not null)
        {
            System.ActorSelection(selectionPath).Tell(message, sender);
        }
        else
        {
            DeadLetter(message, sender, System.DeadLetters, $"no actor at {recipientPath} (message from {from})");
        }
    }

    /// <summary>
    /// A system message from incarnation <paramref name="fromUid"/> of <paramref name="from"/>: a numbered one is delivered
    /// once and in order (<see cref="SystemMessageSequence"/>) and acknowledged, cumulatively, over this node's own
    /// connection to the sender; an unnumbered one (seq 0) is delivered as it comes.
    /// </summary>
    public void ReceiveSystem(SystemEnvelope envelope, Address from, long fromUid)
    {
        if (envelope.Seq == 0)
        {
            DeliverSystem(envelope, from);
            return;
        }

        var sequence = _inboundSystemSequences.GetOrAdd(fromUid, _ => new SystemMessageSequence());
        if (sequence.Accept(envelope.Seq) == SystemMessageVerdict.Deliver)
        {
            DeliverSystem(envelope, from);
        }

        SendSystemFrame(from, new WireFrame { SystemAck = new SystemAck { Seq = sequence.LastDelivered, Uid = Uid } });
    }

    /// <summary>Delivers a DeathWatch message from <paramref name="from"/> to the local actors it names.</summary>
    public void DeliverSystem(SystemEnvelope envelope, Address from)
    {
        switch (envelope.KindCase)
        {
            case SystemEnvelope.KindOneofCase.Watch:
            {
                var watcher = ResolveActorRef(envelope.Watch.Watcher?.Path ?? string.Empty) as RemoteActorRef;
                var watchee = ActorPath.TryParse(envelope.Watch.Watchee?.Path, out var p) && IsLocal(p.Address) ? ResolveLocal(p) : null;
                if (watcher is null)
                {
                    Log.LogWarning("ignored a Watch from {From}: the watcher {Watcher} is not a remote ref", from, envelope.Watch.Watcher?.Path);
                }
                else if (watchee is null)
                {
                    SendSystemEnvelope(watcher.Path.Address, new SystemEnvelope
                    {
                        DeathWatchNotification = new DeathWatchNotificationData { Actor = envelope.Watch.Watchee, Watcher = watcher.WireRef, ExistenceConfirmed = false },
                    });
                }
                else
                {
                    watchee.SendSystemMessage(new Watch(watchee, watcher));
                }

                break;
            }

            case SystemEnvelope.KindOneofCase.Unwatch:
            {
                var watcher = ResolveActorRef(envelope.Unwatch.Watcher?.Path ?? string.Empty) as RemoteActorRef;
                var watchee = ActorPath.TryParse(envelope.Unwatch.Watchee?.Path, out var p) && IsLocal(p.Address) ? ResolveLocal(p) : null;
                if (watcher is not null && watchee is not null)
                {
                    watchee.SendSystemMessage(new Unwatch(watchee, watcher));
                }

                break;
            }

            case SystemEnvelope.KindOneofCase.DeathWatchNotification:
            {
                var n = envelope.DeathWatchNotification;
                var actor = ResolveActorRef(n.Actor?.Path ?? string.Empty);
                var watcher = ActorPath.TryParse(n.Watcher?.Path, out var p) && IsLocal(p.Address) ? ResolveLocal(p) : null;
                if (watcher is not null)
                {
                    Watcher.Tell(new RemoteWatcher.RemoteTerminated(actor, watcher, n.ExistenceConfirmed, n.AddressTerminated), ActorRefs.NoSender);
                }

                break;
            }
        }
    }

    /// <summary>
    /// The local recipient of a serialized path (cached); for a path without uid (an actor selection) returns null and sets
    /// <paramref name="selectionPath"/> to the path below the address, so that wildcards and Identify work as locally.
    /// </summary>
    private ActorRefBase? ResolveInboundRecipient(string path, out string? selectionPath)
    {
        selectionPath = null;
        if (_inboundRecipients.TryGetValue(path, out var cached) && !cached.IsTerminated)
        {
            return cached;
        }

        if (!ActorPath.TryParse(path, out var parsed) || !IsLocal(parsed.Address))
        {
            return null;
        }

        if (parsed.Uid == ActorPath.UndefinedUid && parsed.Elements is not ["temp", _])
        {
            selectionPath = parsed.ToStringWithoutAddress();
            return null;
        }

        var local = ResolveLocal(parsed);
        if (local is not null && local.TemporaryCompletion is null)
        {
            if (_inboundRecipients.Count >= InboundRecipientLimit)
            {
                _inboundRecipients.Clear();
            }

            _inboundRecipients[path] = local;
        }

        return local;
    }
}
