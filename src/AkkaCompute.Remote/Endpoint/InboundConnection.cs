using System.IO.Pipelines;
using System.Net.Sockets;
using AkkaCompute.Actors;
using AkkaCompute.Remote.Security;
using AkkaCompute.Remote.Transport;
using AkkaCompute.Remote.Wire;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Remote.Endpoint;

/// <summary>
/// One accepted connection: TLS (when configured), then the handshake within <see cref="RemoteSettings.HandshakeTimeout"/>
/// with frames of at most <see cref="FrameIO.MaxHandshakeFrameBytes"/>; only after it succeeds are frames delivered.
/// Any protocol violation (oversized length prefix, unparsable frame, unexpected frame kind) closes this connection only.
/// </summary>
internal sealed class InboundConnection(RemoteTransport transport, Socket socket)
{
    private readonly CancellationTokenSource _cts = CancellationTokenSource.CreateLinkedTokenSource(transport.ShutdownToken);
    private readonly string _endpoint = socket.RemoteEndPoint?.ToString() ?? "?";

    /// <summary>Closes the connection at once.</summary>
    public void Abort()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        socket.Dispose();
    }

    /// <summary>Runs the connection to its end; never throws.</summary>
    public async Task RunAsync()
    {
        var handshaking = true;
        Stream stream = Stream.Null;
        try
        {
            socket.NoDelay = true;
            stream = new NetworkStream(socket, ownsSocket: true);
            PipeReader reader;
            (Address Address, long Uid) peer;
            using (var handshakeCts = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token))
            {
                handshakeCts.CancelAfter(transport.Settings.HandshakeTimeout);
                try
                {
                    stream = await transport.Security.UpgradeServerAsync(stream, handshakeCts.Token).ConfigureAwait(false);
                    reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
                    peer = await HandshakeAsync(stream, reader, handshakeCts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!_cts.IsCancellationRequested)
                {
                    transport.Log.LogWarning("closing connection from {Endpoint}: no handshake within {Timeout} ms (akc.remote.handshake-timeout)", _endpoint, transport.Settings.HandshakeTimeout.TotalMilliseconds);
                    return;
                }
            }

            handshaking = false;
            transport.HandshakeEnded();
            await ReadLoopAsync(reader, peer).ConfigureAwait(false);
        }
        catch (HandshakeRefusedException e)
        {
            transport.Log.LogWarning("refused association from {Endpoint}: {Reason}", _endpoint, e.Message);
        }
        catch (FrameDecodingException e)
        {
            transport.Log.LogWarning("closing connection from {Endpoint}: {Reason}", _endpoint, e.Message);
        }
        catch (InvalidProtocolBufferException e)
        {
            transport.Log.LogWarning("closing connection from {Endpoint}: malformed frame ({Reason})", _endpoint, e.Message);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or TimeoutException or System.Security.Authentication.AuthenticationException)
        {
            transport.Log.LogDebug("connection from {Endpoint} closed: {Reason}", _endpoint, e.Message);
            if (handshaking && e is System.Security.Authentication.AuthenticationException or IOException or TimeoutException)
            {
                transport.Log.LogWarning("closing connection from {Endpoint} during the handshake: {Reason}", _endpoint, e.Message);
            }
        }
        catch (Exception e)
        {
            transport.Log.LogError(e, "connection from {Endpoint} failed: {Reason}", _endpoint, e.Message);
        }
        finally
        {
            if (handshaking)
            {
                transport.HandshakeEnded();
            }

            await stream.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
            _cts.Dispose();
        }
    }

    /// <summary>Runs the accepting side of the handshake; returns the peer's address and incarnation uid.</summary>
    private async Task<(Address Address, long Uid)> HandshakeAsync(Stream stream, PipeReader reader, CancellationToken ct)
    {
        var decoder = new FrameDecoder(FrameIO.MaxHandshakeFrameBytes);
        var first = await FrameIO.ReadAsync(reader, decoder, ct).ConfigureAwait(false)
            ?? throw new IOException("closed before the handshake");
        if (first.KindCase != WireFrame.KindOneofCase.HandshakeRequest)
        {
            throw new HandshakeRefusedException($"expected a handshake request, got {first.KindCase}");
        }

        var request = first.HandshakeRequest;
        var local = transport.LocalIdentity;
        if (HandshakeRules.CheckRequest(request, local, transport.IsQuarantined, out var peer) is { } refusal)
        {
            transport.System.EventStream.Publish(new AssociationErrorEvent(transport.Address, TryAddress(request.Address), refusal));
            await FrameIO.WriteAsync(stream, new WireFrame { HandshakeResponse = new HandshakeResponse { Accepted = false, Reason = refusal } }, ct).ConfigureAwait(false);
            throw new HandshakeRefusedException($"{request.Address}: {refusal}");
        }

        var serverNonce = PskHandshake.NewNonce();
        var response = new HandshakeResponse
        {
            Accepted = true,
            ProtocolVersion = RemoteSettings.ProtocolVersion,
            System = transport.System.Name,
            ClusterId = local.ClusterId,
            Address = transport.Address.ToString(),
            Uid = transport.Uid,
            Nonce = ByteString.CopyFrom(serverNonce),
        };
        var key = transport.Security.PskKey;
        if (key is not null)
        {
            response.Proof = ByteString.CopyFrom(PskHandshake.ComputeProof(key, "server", request.Nonce.Span, serverNonce, request.Uid, transport.Uid, local.ClusterId));
        }

        await FrameIO.WriteAsync(stream, new WireFrame { HandshakeResponse = response }, ct).ConfigureAwait(false);
        var second = await FrameIO.ReadAsync(reader, decoder, ct).ConfigureAwait(false)
            ?? throw new IOException($"{peer} closed the connection during the handshake");
        if (second.KindCase != WireFrame.KindOneofCase.HandshakeConfirm)
        {
            throw new HandshakeRefusedException($"{peer} sent {second.KindCase} before confirming the handshake");
        }

        if (key is not null && !PskHandshake.VerifyProof(key, "client", request.Nonce.Span, serverNonce, request.Uid, transport.Uid, local.ClusterId, second.HandshakeConfirm.Proof.Span))
        {
            var reason = $"{peer} failed the PSK challenge (a different akc.remote.psk.key, or a replayed handshake)";
            transport.System.EventStream.Publish(new AssociationErrorEvent(transport.Address, peer!, reason));
            throw new HandshakeRefusedException(reason);
        }

        transport.OnPeerIncarnation(peer!, request.Uid);
        transport.Log.LogDebug("accepted association from {Peer} (uid {Uid}) at {Endpoint}", peer, request.Uid, _endpoint);
        return (peer!, request.Uid);
    }

    private async Task ReadLoopAsync(PipeReader reader, (Address Address, long Uid) peer)
    {
        var decoder = new FrameDecoder(transport.Settings.MaximumFrameSizeBytes);
        var ct = _cts.Token;
        while (true)
        {
            var result = await reader.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                while (decoder.TryReadFrame(ref buffer, out var payload))
                {
                    if (payload.IsSingleSegment && EnvelopeDecoder.TryRead(payload.FirstSpan, out var envelope))
                    {
                        transport.DeliverEnvelope(envelope, peer.Address);
                        continue;
                    }

                    var frame = WireFrame.Parser.ParseFrom(payload);
                    if (!Handle(frame, peer))
                    {
                        return;
                    }
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    private bool Handle(WireFrame frame, (Address Address, long Uid) from)
    {
        var peer = from.Address;
        switch (frame.KindCase)
        {
            case WireFrame.KindOneofCase.Envelope:
                transport.DeliverEnvelope(frame.Envelope, peer);
                return true;
            case WireFrame.KindOneofCase.System:
                transport.ReceiveSystem(frame.System, peer, from.Uid);
                return true;
            case WireFrame.KindOneofCase.SystemAck:
                transport.GetAssociation(peer)?.OnSystemAck(frame.SystemAck.Seq, frame.SystemAck.Uid);
                return true;
            case WireFrame.KindOneofCase.Heartbeat:
                transport.SendSystemFrame(peer, new WireFrame { HeartbeatResponse = new HeartbeatResponse { Uid = transport.Uid } });
                return true;
            case WireFrame.KindOneofCase.HeartbeatResponse:
                transport.Watcher.Tell(new RemoteWatcher.HeartbeatReceived(peer, frame.HeartbeatResponse.Uid), ActorRefs.NoSender);
                return true;
            case WireFrame.KindOneofCase.Disassociate:
                transport.OnPeerDisassociated(peer, frame.Disassociate.Reason);
                return false;
            default:
                throw new HandshakeRefusedException($"unexpected {frame.KindCase} frame from {peer} after the handshake");
        }
    }

    private static Address TryAddress(string text)
    {
        try
        {
            return Address.Parse(text);
        }
        catch (FormatException)
        {
            return new Address(RemoteSettings.Protocol, "unknown");
        }
    }
}
