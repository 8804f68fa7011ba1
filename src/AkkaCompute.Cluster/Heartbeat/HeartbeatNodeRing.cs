using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace AkkaCompute.Cluster;

/// <summary>
/// Which nodes a node sends heartbeats to, as Akka's <c>HeartbeatNodeRing</c>: the nodes are placed on a ring ordered by a stable hash
/// of their unique address, and each node monitors the next <see cref="MonitoredByNrOfMembers"/> nodes clockwise. Every node then
/// is monitored by its <see cref="MonitoredByNrOfMembers"/> predecessors, so the load is even and every node computes the same ring
/// from the same membership.
/// </summary>
/// <remarks>
/// The ring hash is the first 8 bytes (big-endian) of SHA-256 over the UTF-8 of <see cref="VectorClockNode.For"/>'s name, ties broken
/// by unique address (Akka orders by the uid instead, which is random per incarnation; a hash gives the same spread without relying
/// on it). Unreachable nodes passed on the way are included too, while fewer than <see cref="MonitoredByNrOfMembers"/> receivers have
/// been chosen, but do not count towards the quota: the leader must be able to keep removing crashed nodes when many crash at once.
/// Construction is O(n log n); <see cref="Receivers"/> is O(k log n) for the k nodes walked.
/// </remarks>
public sealed class HeartbeatNodeRing
{
    private readonly UniqueAddress[] _ring;
    private readonly ulong[] _hashes;
    private ImmutableSortedSet<UniqueAddress>? _myReceivers;

    /// <summary>Builds the ring.</summary>
    /// <param name="self">This node; must be among <paramref name="nodes"/>.</param>
    /// <param name="nodes">The nodes to monitor among (Akka uses every member), self included; duplicates are ignored.</param>
    /// <param name="unreachable">Nodes currently unreachable; null means none.</param>
    /// <param name="monitoredByNrOfMembers">How many nodes monitor each node; at least 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="self"/> or <paramref name="nodes"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="nodes"/> does not contain <paramref name="self"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="monitoredByNrOfMembers"/> is below 1.</exception>
    public HeartbeatNodeRing(UniqueAddress self, IEnumerable<UniqueAddress> nodes, IEnumerable<UniqueAddress>? unreachable, int monitoredByNrOfMembers)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentOutOfRangeException.ThrowIfLessThan(monitoredByNrOfMembers, 1);
        Self = self;
        Nodes = nodes.ToImmutableSortedSet();
        if (!Nodes.Contains(self))
        {
            throw new ArgumentException($"nodes must contain self {self}", nameof(nodes));
        }

        Unreachable = unreachable?.ToImmutableSortedSet() ?? [];
        MonitoredByNrOfMembers = monitoredByNrOfMembers;
        var entries = Nodes.Select(n => (Hash: RingHash(n), Node: n)).ToArray();
        Array.Sort(entries, static (a, b) => Compare(a.Hash, a.Node, b.Hash, b.Node));
        _ring = entries.Select(e => e.Node).ToArray();
        _hashes = entries.Select(e => e.Hash).ToArray();
    }

    /// <summary>This node.</summary>
    public UniqueAddress Self { get; }

    /// <summary>All nodes on the ring, ordered by unique address.</summary>
    public ImmutableSortedSet<UniqueAddress> Nodes { get; }

    /// <summary>The nodes currently unreachable.</summary>
    public ImmutableSortedSet<UniqueAddress> Unreachable { get; }

    /// <summary>How many nodes monitor each node.</summary>
    public int MonitoredByNrOfMembers { get; }

    /// <summary>The nodes in ring order (by hash).</summary>
    public IReadOnlyList<UniqueAddress> Ring => _ring;

    /// <summary>The nodes this node sends heartbeats to (<see cref="Receivers"/> of <see cref="Self"/>).</summary>
    public ImmutableSortedSet<UniqueAddress> MyReceivers => _myReceivers ??= Receivers(Self);

    /// <summary>The stable ring position of <paramref name="node"/>: the first 8 bytes of SHA-256 of its clock name, big-endian.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public static ulong RingHash(UniqueAddress node)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(VectorClockNode.For(node).Name), digest);
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }

    /// <summary>
    /// The nodes <paramref name="sender"/> sends heartbeats to: every other node when there are at most
    /// <see cref="MonitoredByNrOfMembers"/> of them; otherwise the next nodes clockwise after the sender until
    /// <see cref="MonitoredByNrOfMembers"/> reachable ones are chosen, with unreachable ones passed on the way while fewer than
    /// <see cref="MonitoredByNrOfMembers"/> are chosen. The sender need not be on the ring.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="sender"/> is null.</exception>
    public ImmutableSortedSet<UniqueAddress> Receivers(UniqueAddress sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (MonitoredByNrOfMembers >= _ring.Length - 1)
        {
            return Nodes.Remove(sender);
        }

        var start = Position(sender);
        var result = ImmutableSortedSet.CreateBuilder<UniqueAddress>();
        var remaining = MonitoredByNrOfMembers;
        for (var step = 0; step < _ring.Length && remaining > 0; step++)
        {
            var node = _ring[(start + step) % _ring.Length];
            if (node.Equals(sender))
            {
                continue;
            }

            if (!Unreachable.Contains(node))
            {
                result.Add(node);
                remaining--;
            }
            else if (result.Count < MonitoredByNrOfMembers)
            {
                result.Add(node);
            }
        }

        return result.ToImmutable();
    }

    /// <summary>This ring with <paramref name="node"/> added (unchanged when present).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public HeartbeatNodeRing Add(UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Nodes.Contains(node) ? this : new HeartbeatNodeRing(Self, Nodes.Add(node), Unreachable, MonitoredByNrOfMembers);
    }

    /// <summary>This ring without <paramref name="node"/> (also dropped from the unreachable set).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="node"/> is <see cref="Self"/>.</exception>
    public HeartbeatNodeRing Remove(UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Equals(Self))
        {
            throw new ArgumentException("cannot remove self from its own ring", nameof(node));
        }

        return Nodes.Contains(node) || Unreachable.Contains(node)
            ? new HeartbeatNodeRing(Self, Nodes.Remove(node), Unreachable.Remove(node), MonitoredByNrOfMembers)
            : this;
    }

    /// <summary>This ring with a new unreachable set.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unreachable"/> is null.</exception>
    public HeartbeatNodeRing WithUnreachable(IEnumerable<UniqueAddress> unreachable)
    {
        ArgumentNullException.ThrowIfNull(unreachable);
        return new HeartbeatNodeRing(Self, Nodes, unreachable, MonitoredByNrOfMembers);
    }

    private static int Compare(ulong hashA, UniqueAddress a, ulong hashB, UniqueAddress b)
    {
        var c = hashA.CompareTo(hashB);
        return c != 0 ? c : a.CompareTo(b);
    }

    // The index of the first ring entry after the sender's place (the sender itself is skipped by the caller).
    private int Position(UniqueAddress sender)
    {
        var hash = RingHash(sender);
        int lo = 0, hi = _ring.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Compare(_hashes[mid], _ring[mid], hash, sender) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo % Math.Max(1, _ring.Length);
    }
}
