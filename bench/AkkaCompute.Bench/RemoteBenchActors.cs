using System.Buffers.Binary;
using Akka.Actor;
using Akka.Serialization;

namespace AkkaCompute.Bench;

/// <summary>
/// The message of <c>bench/run remote</c>, bound to <see cref="RemotePingSerializer"/> in HOCON
/// (<c>akka.actor.serialization-bindings</c>), so Akka's Newtonsoft default never sees it. The echo sends the same message back.
/// </summary>
/// <param name="Pair">Which pair sent it.</param>
/// <param name="Seq">The pair's sequence number.</param>
public sealed record RemotePing(int Pair, int Seq);

/// <summary>
/// The bench's own Akka serializer for <see cref="RemotePing"/>: 8 bytes (pair, then sequence number, little-endian int32
/// each), no manifest.
/// </summary>
/// <param name="system">The actor system that created it (Akka passes it).</param>
public sealed class RemotePingSerializer(ExtendedActorSystem system) : Serializer(system)
{
    /// <summary>Serializer id (unique in the system; Akka's own ids are below 100).</summary>
    public const int Id = 9101;

    /// <summary>Size of one serialized <see cref="RemotePing"/>.</summary>
    public const int SizeBytes = 8;

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override bool IncludeManifest => false;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        if (obj is not RemotePing ping)
        {
            throw new ArgumentException($"{nameof(RemotePingSerializer)} serializes {nameof(RemotePing)} only, not {obj?.GetType().FullName ?? "null"}", nameof(obj));
        }

        var bytes = new byte[SizeBytes];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, ping.Pair);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), ping.Seq);
        return bytes;
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type type)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length != SizeBytes)
        {
            throw new System.Runtime.Serialization.SerializationException($"a {nameof(RemotePing)} is {SizeBytes} bytes, got {bytes.Length}");
        }

        return new RemotePing(BinaryPrimitives.ReadInt32LittleEndian(bytes), BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
    }
}

/// <summary>Replies to every <see cref="RemotePing"/> with the message itself (the remote side of the pairs, and the Ask target).</summary>
internal sealed class RemoteEchoActor : ReceiveActor
{
    /// <summary>Creates the echo.</summary>
    public RemoteEchoActor() => Receive<RemotePing>(ping => Sender.Tell(ping, Self));
}

/// <summary>What one pair's local actor counted; written by the actor, read by the bench thread.</summary>
internal sealed class PairCounters
{
    private long _received;
    private volatile bool _stopping;

    /// <summary>Replies received so far.</summary>
    public long Received => Volatile.Read(ref _received);

    /// <summary>Messages sent whose reply has not come back yet (actor thread only).</summary>
    public int Outstanding { get; set; }

    /// <summary>Set by the bench thread: send nothing new, signal <see cref="Drained"/> when the window has come back.</summary>
    public bool Stopping
    {
        get => _stopping;
        set => _stopping = value;
    }

    /// <summary>Completed once stopping and every reply of the window has arrived.</summary>
    public TaskCompletionSource Drained { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Counts one reply (actor thread only).</summary>
    public void CountReply() => Volatile.Write(ref _received, _received + 1);
}

/// <summary>
/// The local side of one pair: keeps <c>window</c> messages in flight to a remote echo, sending one more for every reply,
/// until <see cref="PairCounters.Stopping"/>; then lets the window drain.
/// </summary>
internal sealed class RemotePingerActor : ReceiveActor
{
    private readonly IActorRef _echo;
    private readonly int _pair;
    private readonly int _window;
    private readonly PairCounters _counters;
    private int _seq;

    /// <summary>Creates the pinger; it sends its window on start.</summary>
    /// <param name="echo">The remote echo of this pair.</param>
    /// <param name="pair">The pair's number (carried in every message).</param>
    /// <param name="window">Messages kept in flight.</param>
    /// <param name="counters">Where the replies are counted.</param>
    public RemotePingerActor(IActorRef echo, int pair, int window, PairCounters counters)
    {
        (_echo, _pair, _window, _counters) = (echo, pair, window, counters);
        Receive<RemotePing>(_ =>
        {
            _counters.CountReply();
            _counters.Outstanding--;
            if (!_counters.Stopping)
            {
                SendOne();
            }
            else if (_counters.Outstanding == 0)
            {
                _counters.Drained.TrySetResult();
            }
        });
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        for (var i = 0; i < _window; i++)
        {
            SendOne();
        }
    }

    private void SendOne()
    {
        _counters.Outstanding++;
        _echo.Tell(new RemotePing(_pair, _seq++), Self);
    }
}
