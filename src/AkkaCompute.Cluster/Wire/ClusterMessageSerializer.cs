using System.Buffers;
using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Cluster.Wire.Proto;
using AkkaCompute.Remote.Serialization;
using Google.Protobuf;

namespace AkkaCompute.Cluster.Wire;

/// <summary>
/// Serializer id <see cref="Id"/> (20) for the membership protocol's <see cref="ClusterMessage"/>s, as Akka's
/// <c>ClusterMessageSerializer</c>. The bytes are the protobuf messages of <c>Wire/cluster.proto</c>; the manifest names the
/// message kind in a few letters (<see cref="ManifestOf"/>). <see cref="Register"/> adds it to a registry and binds
/// <see cref="ClusterMessage"/> to it. Thread-safe and stateless.
/// </summary>
/// <remarks>
/// Decoding checks everything before a message reaches the cluster daemon: unknown manifests, malformed protobuf, missing
/// fields, indexes outside their tables, unknown statuses and gossips that break <see cref="MembershipInvariants"/> all fail, and
/// <see cref="SerializationRegistry.Deserialize"/> reports them as a <see cref="SerializationFailedException"/>; the transport then
/// drops and logs the message and the connection carries on. Size is bounded by the transport's maximum frame size (4 MiB by
/// default: about 60 bytes per member, so roughly a 60,000-member gossip) and by <see cref="GossipReader.MaxNodes"/>.
/// </remarks>
public sealed class ClusterMessageSerializer : Serializer
{
    /// <summary>The serializer id: 20, in the range reserved for AkkaCompute (0 to 99).</summary>
    public const int Id = 20;

    private const string InitJoinManifest = "IJ";
    private const string InitJoinAckManifest = "IJA";
    private const string InitJoinNackManifest = "IJN";
    private const string JoinManifest = "J";
    private const string WelcomeManifest = "W";
    private const string GossipEnvelopeManifest = "GE";
    private const string GossipStatusManifest = "GS";
    private const string HeartbeatManifest = "HB";
    private const string HeartbeatRspManifest = "HBR";
    private const string LeaveManifest = "L";
    private const string DownManifest = "D";
    private const string ExitingConfirmedManifest = "EC";

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <summary>Registers a new instance with <paramref name="registry"/> and binds <see cref="ClusterMessage"/> (and every subtype) to it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> is null.</exception>
    /// <exception cref="ArgumentException">Another serializer already has id 20.</exception>
    public static void Register(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register(new ClusterMessageSerializer());
        registry.Bind<ClusterMessage>(Id);
    }

    /// <summary>
    /// The manifest of a message kind: <c>IJ</c> InitJoin, <c>IJA</c> InitJoinAck, <c>IJN</c> InitJoinNack, <c>J</c> Join, <c>W</c>
    /// Welcome, <c>GE</c> GossipEnvelope, <c>GS</c> GossipStatus, <c>HB</c> Heartbeat, <c>HBR</c> HeartbeatRsp, <c>L</c> Leave,
    /// <c>D</c> Down, <c>EC</c> ExitingConfirmed.
    /// </summary>
    /// <exception cref="ArgumentException">The message is not a <see cref="ClusterMessage"/> this serializer knows.</exception>
    public static string ManifestOf(object message) => message switch
    {
        InitJoin => InitJoinManifest,
        InitJoinAck => InitJoinAckManifest,
        InitJoinNack => InitJoinNackManifest,
        Join => JoinManifest,
        Welcome => WelcomeManifest,
        GossipEnvelope => GossipEnvelopeManifest,
        GossipStatus => GossipStatusManifest,
        Heartbeat => HeartbeatManifest,
        HeartbeatRsp => HeartbeatRspManifest,
        Leave => LeaveManifest,
        Down => DownManifest,
        ExitingConfirmed => ExitingConfirmedManifest,
        _ => throw NotHandled(message),
    };

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The message is not a known <see cref="ClusterMessage"/>.</exception>
    public override string Manifest(object message) => ManifestOf(message);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The message is not a known <see cref="ClusterMessage"/>, or an address in it has no host and port.</exception>
    public override void ToBinary(object message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ToData(message).WriteTo(output);
    }

    /// <inheritdoc />
    /// <exception cref="SerializationFailedException">The manifest is not one of this serializer's.</exception>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a valid encoding.</exception>
    /// <exception cref="FormatException">A field is missing or out of range.</exception>
    /// <exception cref="InvariantViolationException">A gossip breaks a structural invariant.</exception>
    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest switch
        {
            InitJoinManifest => new InitJoin(Node(NodeMessageData.Parser.ParseFrom(bytes), "InitJoin.node")),
            InitJoinAckManifest => new InitJoinAck(Node(NodeMessageData.Parser.ParseFrom(bytes), "InitJoinAck.node")),
            InitJoinNackManifest => new InitJoinNack(Node(NodeMessageData.Parser.ParseFrom(bytes), "InitJoinNack.node")),
            ExitingConfirmedManifest => new ExitingConfirmed(Node(NodeMessageData.Parser.ParseFrom(bytes), "ExitingConfirmed.node")),
            JoinManifest => ReadJoin(JoinData.Parser.ParseFrom(bytes)),
            WelcomeManifest => ReadWelcome(WelcomeData.Parser.ParseFrom(bytes)),
            GossipEnvelopeManifest => ReadEnvelope(GossipEnvelopeData.Parser.ParseFrom(bytes)),
            GossipStatusManifest => ReadStatus(GossipStatusData.Parser.ParseFrom(bytes)),
            HeartbeatManifest => ReadHeartbeat(HeartbeatData.Parser.ParseFrom(bytes), rsp: false),
            HeartbeatRspManifest => ReadHeartbeat(HeartbeatData.Parser.ParseFrom(bytes), rsp: true),
            LeaveManifest => new Leave(WireConvert.FromData(AddressMessageData.Parser.ParseFrom(bytes).Address, "Leave.address")),
            DownManifest => new Down(WireConvert.FromData(AddressMessageData.Parser.ParseFrom(bytes).Address, "Down.address")),
            _ => throw new SerializationFailedException(Identifier, manifest, SerializationFailureReason.UnknownManifest,
                "the cluster serializer knows IJ, IJA, IJN, J, W, GE, GS, HB, HBR, L, D and EC"),
        };
    }

    private static IMessage ToData(object message) => message switch
    {
        InitJoin m => new NodeMessageData { Node = WireConvert.ToData(m.From) },
        InitJoinAck m => new NodeMessageData { Node = WireConvert.ToData(m.From) },
        InitJoinNack m => new NodeMessageData { Node = WireConvert.ToData(m.From) },
        ExitingConfirmed m => new NodeMessageData { Node = WireConvert.ToData(m.Node) },
        Join m => new JoinData { Node = WireConvert.ToData(m.Node), Roles = { m.Roles.Order(StringComparer.Ordinal) } },
        Welcome m => new WelcomeData { From = WireConvert.ToData(m.From), Gossip = GossipWriter.Write(m.Gossip) },
        GossipEnvelope m => new GossipEnvelopeData { From = WireConvert.ToData(m.From), To = WireConvert.ToData(m.To), Gossip = GossipWriter.Write(m.Gossip) },
        GossipStatus m => WriteStatus(m),
        Heartbeat m => new HeartbeatData { From = WireConvert.ToData(m.From), SequenceNr = m.SequenceNr },
        HeartbeatRsp m => new HeartbeatData { From = WireConvert.ToData(m.From), SequenceNr = m.SequenceNr },
        Leave m => new AddressMessageData { Address = WireConvert.ToData(m.Address) },
        Down m => new AddressMessageData { Address = WireConvert.ToData(m.Address) },
        _ => throw NotHandled(message),
    };

    private static GossipStatusData WriteStatus(GossipStatus m)
    {
        var data = new GossipStatusData { From = WireConvert.ToData(m.From), To = WireConvert.ToData(m.To) };
        ClockCodec.Write(m.Version, data.AllClockNodes, new Dictionary<string, int>(StringComparer.Ordinal), data.Version);
        foreach (var node in m.Seen.Order())
        {
            data.Seen.Add(WireConvert.ToData(node));
        }

        return data;
    }

    private static UniqueAddress Node(NodeMessageData data, string field) => WireConvert.FromData(data.Node, field);

    private static Join ReadJoin(JoinData data)
    {
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in data.Roles)
        {
            if (string.IsNullOrEmpty(role) || role.Any(char.IsWhiteSpace) || !roles.Add(role))
            {
                throw new FormatException($"Join.roles: '{role}' is empty, has whitespace or is repeated");
            }
        }

        return new Join(WireConvert.FromData(data.Node, "Join.node"), roles);
    }

    private static Welcome ReadWelcome(WelcomeData data) =>
        new(WireConvert.FromData(data.From, "Welcome.from"), GossipReader.Read(data.Gossip, "Welcome.gossip"));

    private static GossipEnvelope ReadEnvelope(GossipEnvelopeData data) =>
        new(WireConvert.FromData(data.From, "GossipEnvelope.from"), WireConvert.FromData(data.To, "GossipEnvelope.to"), GossipReader.Read(data.Gossip, "GossipEnvelope.gossip"));

    private static GossipStatus ReadStatus(GossipStatusData data)
    {
        var seen = new HashSet<UniqueAddress>();
        for (var i = 0; i < data.Seen.Count; i++)
        {
            seen.Add(WireConvert.FromData(data.Seen[i], $"GossipStatus.seen[{i}]"));
        }

        return new GossipStatus(
            WireConvert.FromData(data.From, "GossipStatus.from"),
            WireConvert.FromData(data.To, "GossipStatus.to"),
            ClockCodec.Read(data.AllClockNodes, data.Version, "GossipStatus.version"),
            seen);
    }

    private static ClusterMessage ReadHeartbeat(HeartbeatData data, bool rsp)
    {
        var from = WireConvert.FromData(data.From, rsp ? "HeartbeatRsp.from" : "Heartbeat.from");
        return rsp ? new HeartbeatRsp(from, data.SequenceNr) : new Heartbeat(from, data.SequenceNr);
    }

    private static ArgumentException NotHandled(object? message) =>
        new($"{nameof(ClusterMessageSerializer)} does not handle {message?.GetType().ToString() ?? "null"}.", nameof(message));
}
