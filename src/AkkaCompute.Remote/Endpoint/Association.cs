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
/// The outbound half of the link to one peer address (as in Akka Artery, each direction has its own connection).
/// Frames wait in one queue, bounded by count: <see cref="RemoteSettings.SendQueueSize"/> user frames and
/// <see cref="RemoteSettings.SystemQueueSize"/> control frames; overflow goes to dead letters. A connection is opened on
/// demand, authenticated by the handshake, and reopened after a failure with exponential backoff and jitter while
/// frames are waiting. Frames are written in batches of up to <see cref="RemoteSettings.BatchSizeBytes"/> per socket write.
/// DeathWatch messages are delivered reliably (<see cref="SystemMessageBuffer"/>): kept until the peer acknowledges them,
/// written again on every new connection, and the association keeps reconnecting while any is unacknowledged.
/// </summary>
internal sealed class Association
{
    private readonly RemoteTransport _transport;
    private readonly FrameQueue _queue = new();
    private readonly SystemMessageBuffer _system;
    private int _userQueued;
    private int _systemQueued;
    private int _running;
    private int _failures;
    private volatile bool _closing;
    private TaskCompletionSource? _closed;

    public Association(RemoteTransport transport, Address remote)
    {
        _transport = transport;
        Remote = remote;
        _system = new SystemMessageBuffer(transport.Settings.SystemQueueSize);
    }

    /// <summary>The peer's address.</summary>
    public Address Remote { get; }

    /// <summary>The peer's incarnation uid from the last handshake, or 0.</summary>
    public long RemoteUid { get; private set; }

    /// <summary>True while a handshaken connection is open.</summary>
    public bool IsConnected { get; private set; }

    /// <summary>User frames waiting.</summary>
    public int QueuedUserFrames => Volatile.Read(ref _userQueued);

    /// <summary>Queues a user frame; when <see cref="RemoteSettings.SendQueueSize"/> frames already wait, it goes to dead letters.</summary>
    public void EnqueueUser(OutboundFrame frame)
    {
        if (Interlocked.Increment(ref _userQueued) > _transport.Settings.SendQueueSize || _closing)
        {
            Interlocked.Decrement(ref _userQueued);
            frame.Return();
            _transport.DeadLetter(frame, _closing
                ? $"association to {Remote} is closed"
                : $"send queue to {Remote} is full ({_transport.Settings.SendQueueSize} messages, akc.remote.transport.send-queue-size)");
            return;
        }

        _queue.Enqueue(frame);
        Kick();
    }

    /// <summary>Queues a control frame (DeathWatch, heartbeat); overflow is logged as an error and dropped.</summary>
    public void EnqueueSystem(OutboundFrame frame)
    {
        if (Interlocked.Increment(ref _systemQueued) > _transport.Settings.SystemQueueSize || _closing)
        {
            Interlocked.Decrement(ref _systemQueued);
            frame.Return();
            if (!_closing)
            {
                _transport.Log.LogError("system message queue to {Remote} is full ({Max}, akc.remote.transport.system-queue-size); a DeathWatch message was dropped", Remote, _transport.Settings.SystemQueueSize);
            }

            return;
        }

        _queue.Enqueue(frame);
        Kick();
    }

    /// <summary>DeathWatch messages sent or waiting that the peer has not acknowledged.</summary>
    public int UnacknowledgedSystemMessages => _system.Count;

    /// <summary>
    /// Sends a DeathWatch message reliably: numbered, kept until the peer acknowledges it, and sent again on a new
    /// connection. When <see cref="RemoteSettings.SystemQueueSize"/> messages are unacknowledged, it is dropped and logged
    /// as an error.
    /// </summary>
    public void EnqueueSystemMessage(SystemEnvelope envelope)
    {
        if (_closing)
        {
            return;
        }

        if (_system.Add(envelope) is not { } frame)
        {
            _transport.Log.LogError("{Count} DeathWatch messages to {Remote} are unacknowledged (akc.remote.transport.system-queue-size); a DeathWatch message was dropped", _transport.Settings.SystemQueueSize, Remote);
            return;
        }

        EnqueueSystem(OutboundFrame.Encode(frame, null));
    }

    /// <summary>The peer (incarnation <paramref name="uid"/>) acknowledged every DeathWatch message up to <paramref name="seq"/>.</summary>
    public void OnSystemAck(ulong seq, long uid)
    {
        if (uid == RemoteUid)
        {
            _system.Acknowledge(seq);
        }
    }

    /// <summary>
    /// Incarnation <paramref name="uid"/> of the peer was quarantined (0: the peer, whichever incarnation): DeathWatch
    /// messages meant for it are dropped, its watchers are told by the quarantine itself.
    /// </summary>
    public void OnQuarantined(long uid)
    {
        if (uid == 0 || uid == RemoteUid)
        {
            _system.Reset();
        }
    }

    /// <summary>Sends a graceful <c>Disassociate</c>, flushes what is queued (when connected) and stops.</summary>
    public Task CloseAsync(string reason)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _closed, closed, null) is { } existing)
        {
            return existing.Task;
        }

        if (IsConnected)
        {
            _queue.Enqueue(OutboundFrame.Encode(new WireFrame { Disassociate = new Disassociate { Reason = reason } }, null));
        }

        _closing = true;
        _queue.Complete();
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            DrainToDeadLetters($"association to {Remote} is closed");
            closed.TrySetResult();
        }

        return closed.Task;
    }

    // The counters are incremented before the enqueue, so a frame being added already counts.
    private bool HasQueuedFrames => Volatile.Read(ref _userQueued) + Volatile.Read(ref _systemQueued) > 0 || _system.Count > 0;

    private void Kick()
    {
        if (Volatile.Read(ref _running) == 0 && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await RunLoopAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Never leave the association marked running with nobody running it.
            _transport.Log.LogError(e, "association to {Remote} failed: {Reason}", Remote, e.Message);
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task RunLoopAsync()
    {
        while (true)
        {
            try
            {
                await ConnectAndServeAsync().ConfigureAwait(false);
            }
            catch (HandshakeRefusedException e)
            {
                _transport.Log.LogWarning("association to {Remote} refused: {Reason}", Remote, e.Message);
                _transport.System.EventStream.Publish(new AssociationErrorEvent(_transport.Address, Remote, e.Message));
                DrainToDeadLetters($"association to {Remote} refused: {e.Message}");
                _failures++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !_transport.ShutdownToken.IsCancellationRequested)
            {
                if (IsConnected || _failures == 0)
                {
                    _transport.Log.LogInformation("association to {Remote} lost: {Reason}", Remote, Describe(e));
                    _transport.System.EventStream.Publish(new DisassociatedEvent(_transport.Address, Remote, Describe(e)));
                }
                else
                {
                    _transport.Log.LogDebug("connecting to {Remote} failed (attempt {Attempt}): {Reason}", Remote, _failures + 1, Describe(e));
                }

                _failures++;
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                IsConnected = false;
            }

            if (_closing || _transport.ShutdownToken.IsCancellationRequested)
            {
                DrainToDeadLetters($"association to {Remote} is closed");
                _closed?.TrySetResult();
                return;
            }

            if (!HasQueuedFrames)
            {
                Volatile.Write(ref _running, 0);
                if (!HasQueuedFrames || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
                {
                    return;
                }
            }

            try
            {
                await Task.Delay(Backoff(), _transport.TimeProvider, _transport.ShutdownToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private TimeSpan Backoff()
    {
        var settings = _transport.Settings;
        var exponent = Math.Min(_failures, 20);
        var ms = Math.Min(settings.ReconnectBackoffMax.TotalMilliseconds, settings.ReconnectBackoffMin.TotalMilliseconds * Math.Pow(2, Math.Max(0, exponent - 1)));
        var jitter = 0.8 + (0.4 * _transport.System.NextRandom(1000) / 1000.0);
        return TimeSpan.FromMilliseconds(ms * jitter);
    }

    private async Task ConnectAndServeAsync()
    {
        var settings = _transport.Settings;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream stream = Stream.Null;
        try
        {
            using (var connectCts = CancellationTokenSource.CreateLinkedTokenSource(_transport.ShutdownToken))
            {
                connectCts.CancelAfter(settings.ConnectionTimeout);
                try
                {
                    await socket.ConnectAsync(Remote.Host!, Remote.Port!.Value, connectCts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!_transport.ShutdownToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"connect to {Remote} timed out after {settings.ConnectionTimeout.TotalMilliseconds:0} ms");
                }
            }

            stream = new NetworkStream(socket, ownsSocket: true);
            PipeReader reader;
            using (var handshakeCts = CancellationTokenSource.CreateLinkedTokenSource(_transport.ShutdownToken))
            {
                handshakeCts.CancelAfter(settings.HandshakeTimeout);
                stream = await _transport.Security.UpgradeClientAsync(stream, Remote.Host!, handshakeCts.Token).ConfigureAwait(false);
                reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
                await HandshakeAsync(stream, reader, handshakeCts.Token).ConfigureAwait(false);
            }

            IsConnected = true;
            _failures = 0;
            _transport.System.EventStream.Publish(new AssociatedEvent(_transport.Address, Remote, RemoteUid));
            _transport.Log.LogInformation("associated with {Remote} (uid {Uid})", Remote, RemoteUid);
            using var connectionCts = CancellationTokenSource.CreateLinkedTokenSource(_transport.ShutdownToken);
            var readLoop = ReadLoopAsync(reader, connectionCts.Token);
            var writeLoop = WriteLoopAsync(stream, _system.Unacknowledged(), connectionCts.Token);
            var first = await Task.WhenAny(readLoop, writeLoop).ConfigureAwait(false);
            connectionCts.Cancel();
            socket.Dispose();
            await Task.WhenAll(readLoop.ContinueWith(_ => { }, TaskScheduler.Default), writeLoop.ContinueWith(_ => { }, TaskScheduler.Default)).ConfigureAwait(false);
            await first.ConfigureAwait(false);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
        }
    }

    private async Task HandshakeAsync(Stream stream, PipeReader reader, CancellationToken ct)
    {
        var local = _transport.LocalIdentity;
        var clientNonce = PskHandshake.NewNonce();
        await FrameIO.WriteAsync(stream, new WireFrame
        {
            HandshakeRequest = new HandshakeRequest
            {
                ProtocolVersion = RemoteSettings.ProtocolVersion,
                System = _transport.System.Name,
                ClusterId = local.ClusterId,
                Address = _transport.Address.ToString(),
                Uid = _transport.Uid,
                TargetSystem = Remote.System,
                Nonce = ByteString.CopyFrom(clientNonce),
            },
        }, ct).ConfigureAwait(false);

        var reply = await FrameIO.ReadAsync(reader, new FrameDecoder(FrameIO.MaxHandshakeFrameBytes), ct).ConfigureAwait(false)
            ?? throw new IOException($"{Remote} closed the connection during the handshake");
        if (reply.KindCase != WireFrame.KindOneofCase.HandshakeResponse)
        {
            throw new HandshakeRefusedException($"{Remote} answered the handshake with {reply.KindCase}");
        }

        var response = reply.HandshakeResponse;
        if (HandshakeRules.CheckResponse(response, Remote, local, _transport.IsQuarantined) is { } problem)
        {
            throw new HandshakeRefusedException(problem);
        }

        var confirm = new HandshakeConfirm();
        if (_transport.Security.PskKey is { } key)
        {
            if (!PskHandshake.VerifyProof(key, "server", clientNonce, response.Nonce.Span, _transport.Uid, response.Uid, local.ClusterId, response.Proof.Span))
            {
                throw new HandshakeRefusedException($"{Remote} failed the PSK challenge (a different akc.remote.psk.key, or a replayed handshake)");
            }

            confirm.Proof = ByteString.CopyFrom(PskHandshake.ComputeProof(key, "client", clientNonce, response.Nonce.Span, _transport.Uid, response.Uid, local.ClusterId));
        }

        await FrameIO.WriteAsync(stream, new WireFrame { HandshakeConfirm = confirm }, ct).ConfigureAwait(false);
        if (RemoteUid != 0 && RemoteUid != response.Uid)
        {
            _system.Reset(); // a new incarnation: it expects numbers from 1, and nothing meant for the old one
        }

        RemoteUid = response.Uid;
        _transport.OnPeerIncarnation(Remote, response.Uid);
    }

    private async Task ReadLoopAsync(PipeReader reader, CancellationToken ct)
    {
        var decoder = new FrameDecoder(FrameIO.MaxHandshakeFrameBytes);
        while (true)
        {
            var frame = await FrameIO.ReadAsync(reader, decoder, ct).ConfigureAwait(false)
                ?? throw new IOException($"{Remote} closed the connection");
            if (frame.KindCase == WireFrame.KindOneofCase.Disassociate)
            {
                var reason = frame.Disassociate.Reason;
                if (frame.Disassociate.Quarantined)
                {
                    _transport.Log.LogError("{Remote} quarantined this node: {Reason}", Remote, reason);
                }

                throw new IOException($"{Remote} disassociated: {reason}");
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="resend"/> (the DeathWatch messages not acknowledged on earlier connections) first, then the
    /// queue's frames as they come, batched. The peer drops what it already had by number.
    /// </summary>
    private async Task WriteLoopAsync(Stream stream, IReadOnlyList<WireFrame> resend, CancellationToken ct)
    {
        var batchSize = _transport.Settings.BatchSizeBytes;
        var batch = new byte[batchSize];
        var used = 0;
        foreach (var frame in resend)
        {
            await FrameIO.WriteAsync(stream, frame, ct).ConfigureAwait(false);
        }

        while (await _queue.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            used = await DrainAsync(stream, batch, used, ct).ConfigureAwait(false);
            if (used > 0 && used < batchSize / 2)
            {
                // Let work already queued on the pool (actors about to send) run first, then write what it added
                // together with this batch: fewer, fuller writes for the cost of one pool hop.
                await Task.Yield();
                used = await DrainAsync(stream, batch, used, ct).ConfigureAwait(false);
            }

            if (used > 0)
            {
                await stream.WriteAsync(batch.AsMemory(0, used), ct).ConfigureAwait(false);
                used = 0;
            }

            await stream.FlushAsync(ct).ConfigureAwait(false);
        }

        // The queue was completed by CloseAsync: everything is written.
    }

    /// <summary>
    /// Moves every queued frame into <paramref name="batch"/> after its first <paramref name="used"/> bytes, writing the
    /// batch whenever the next frame would not fit (a frame larger than the batch is written on its own); returns the
    /// bytes of <paramref name="batch"/> still to write.
    /// </summary>
    private async ValueTask<int> DrainAsync(Stream stream, byte[] batch, int used, CancellationToken ct)
    {
        while (_queue.TryDequeue(out var frame))
        {
            if (frame.IsSystem)
            {
                Interlocked.Decrement(ref _systemQueued);
            }
            else
            {
                Interlocked.Decrement(ref _userQueued);
            }

            try
            {
                if (used + frame.Length > batch.Length && used > 0)
                {
                    await stream.WriteAsync(batch.AsMemory(0, used), ct).ConfigureAwait(false);
                    used = 0;
                }

                if (frame.Length > batch.Length)
                {
                    await stream.WriteAsync(frame.Buffer.AsMemory(0, frame.Length), ct).ConfigureAwait(false);
                }
                else
                {
                    frame.Buffer.AsSpan(0, frame.Length).CopyTo(batch.AsSpan(used));
                    used += frame.Length;
                }
            }
            finally
            {
                frame.Return();
            }
        }

        return used;
    }

    private void DrainToDeadLetters(string reason)
    {
        while (_queue.TryDequeue(out var frame))
        {
            if (frame.IsSystem)
            {
                Interlocked.Decrement(ref _systemQueued);
            }
            else
            {
                Interlocked.Decrement(ref _userQueued);
            }

            frame.Return();
            _transport.DeadLetter(frame, reason);
        }
    }

    private static string Describe(Exception e) => e switch
    {
        SocketException s => $"{s.SocketErrorCode}: {s.Message}",
        AggregateException { InnerException: { } inner } => Describe(inner),
        _ => e.Message,
    };
}
