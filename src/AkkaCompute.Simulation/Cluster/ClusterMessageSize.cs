using AkkaCompute.Cluster;
using AkkaCompute.Cluster.Protocol;

namespace AkkaCompute.Simulation.Cluster;

/// <summary>
/// Estimates of the wire size of membership messages, for the simulator's byte counters, and a content digest for its trace hash.
/// The sizes follow a compact protobuf-like encoding in which a gossip names each member once and refers to members by index
/// elsewhere: a 48-byte envelope (type, sender and receiver unique addresses), plus per gossip 60 bytes per member (address, uid,
/// status, up-number, roles), 4 per seen entry, 40 per reachability record, 30 per clock entry and 40 per tombstone. O(1) per call.
/// </summary>
public static class ClusterMessageSize
{
    /// <summary>Bytes of the envelope every message pays (type tag, sender, receiver).</summary>
    public const int EnvelopeBytes = 48;

    /// <summary>Bytes per member in a gossip.</summary>
    public const int MemberBytes = 60;

    /// <summary>The estimated size of <paramref name="message"/> in bytes (&gt;= <see cref="EnvelopeBytes"/>).</summary>
    /// <param name="message">The message; must not be null.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public static int Estimate(ClusterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message switch
        {
            GossipEnvelope g => EnvelopeBytes + Gossip(g.Gossip),
            Welcome w => EnvelopeBytes + Gossip(w.Gossip),
            GossipStatus s => EnvelopeBytes + (s.Version?.Count ?? 0) * 30 + (s.Seen?.Count ?? 0) * 4,
            Join j => EnvelopeBytes + 16 + (j.Roles?.Sum(r => r.Length + 2) ?? 0),
            Heartbeat or HeartbeatRsp => EnvelopeBytes + 8,
            _ => EnvelopeBytes,
        };
    }

    /// <summary>
    /// A 64-bit digest of the message's type and identifying fields (sender uid, sequence number, gossip version and sizes), equal
    /// across processes, for <see cref="SimulationOptions{TMessage}.MessageDigest"/>.
    /// </summary>
    /// <param name="message">The message; must not be null.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public static ulong Digest(ClusterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var h = Mix(0xcbf29ce484222325UL, (ulong)TypeCode(message));
        switch (message)
        {
            case GossipEnvelope g:
                h = Mix(Mix(h, (ulong)g.From.Uid), GossipDigest(g.Gossip));
                break;
            case Welcome w:
                h = Mix(Mix(h, (ulong)w.From.Uid), GossipDigest(w.Gossip));
                break;
            case GossipStatus s:
                h = Mix(Mix(h, (ulong)s.From.Uid), VersionDigest(s.Version));
                break;
            case Heartbeat hb:
                h = Mix(Mix(h, (ulong)hb.From.Uid), (ulong)hb.SequenceNr);
                break;
            case HeartbeatRsp rsp:
                h = Mix(Mix(h, (ulong)rsp.From.Uid), (ulong)rsp.SequenceNr);
                break;
            case InitJoin i:
                h = Mix(h, (ulong)i.From.Uid);
                break;
            case InitJoinAck a:
                h = Mix(h, (ulong)a.From.Uid);
                break;
            case InitJoinNack n:
                h = Mix(h, (ulong)n.From.Uid);
                break;
            case Join j:
                h = Mix(h, (ulong)j.Node.Uid);
                break;
            case ExitingConfirmed e:
                h = Mix(h, (ulong)e.Node.Uid);
                break;
        }

        return h;
    }

    /// <summary>A digest of a vector clock's entries (names and times), equal across processes.</summary>
    /// <param name="version">The clock; must not be null.</param>
    /// <returns>The digest.</returns>
    public static ulong VersionDigest(VectorClock version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var h = 0x9E3779B97F4A7C15UL;
        foreach (var (node, time) in version.Entries)
        {
            foreach (var c in node.Name)
            {
                h = (h ^ c) * 0x100000001b3UL;
            }

            h = Mix(h, (ulong)time);
        }

        return h;
    }

    private static int Gossip(AkkaCompute.Cluster.Gossip? gossip) => gossip is null ? 0 :
        (gossip.Members.Count * MemberBytes) + (gossip.Overview.Seen.Count * 4) + (gossip.Overview.Reachability.Records.Count * 40)
        + (gossip.Version.Count * 30) + (gossip.Tombstones.Count * 40);

    private static ulong GossipDigest(AkkaCompute.Cluster.Gossip gossip) =>
        Mix(Mix(VersionDigest(gossip.Version), (ulong)gossip.Members.Count), (ulong)gossip.Overview.Seen.Count);

    private static int TypeCode(ClusterMessage message) => message switch
    {
        InitJoin => 1,
        InitJoinAck => 2,
        InitJoinNack => 3,
        Join => 4,
        Welcome => 5,
        GossipEnvelope => 6,
        GossipStatus => 7,
        Heartbeat => 8,
        HeartbeatRsp => 9,
        Leave => 10,
        Down => 11,
        ExitingConfirmed => 12,
        _ => 99,
    };

    private static ulong Mix(ulong h, ulong v)
    {
        h ^= v + 0x9E3779B97F4A7C15UL + (h << 6) + (h >> 2);
        return h * 0xff51afd7ed558ccdUL;
    }
}
