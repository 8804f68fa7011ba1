using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace AkkaCompute.Cluster.Protocol;

/// <summary>
/// The receivers of <see cref="HeartbeatNodeRing"/> computed the same way (same hash, same ring order, same walk), but with each
/// node's ring hash computed once per <see cref="UniqueAddress"/> instance and kept for as long as that instance lives: a node of a
/// 1,000-member cluster rebuilds its ring whenever membership changes, and SHA-256 per member per rebuild would dominate.
/// Tests check that <see cref="Receivers"/> equals <see cref="HeartbeatNodeRing.MyReceivers"/>.
/// </summary>
internal sealed class HeartbeatRing
{
    // Keyed by reference: equal addresses in different instances only miss the cache. Entries die with their keys.
    private static readonly ConditionalWeakTable<UniqueAddress, StrongBox<ulong>> HashCache = new();

    private readonly (ulong Hash, UniqueAddress Node)[] _ring;

    /// <summary>Builds the ring of <paramref name="nodes"/> (self included, any order, no duplicates).</summary>
    public HeartbeatRing(UniqueAddress self, IReadOnlyCollection<UniqueAddress> nodes, ImmutableSortedSet<UniqueAddress> unreachable, int monitoredByNrOfMembers)
    {
        Self = self;
        Unreachable = unreachable;
        MonitoredByNrOfMembers = monitoredByNrOfMembers;
        _ring = new (ulong, UniqueAddress)[nodes.Count];
        var i = 0;
        foreach (var node in nodes)
        {
            _ring[i++] = (Hash(node), node);
        }

        Array.Sort(_ring, static (a, b) => Compare(a.Hash, a.Node, b.Hash, b.Node));
        Receivers = ComputeReceivers();
    }

    public UniqueAddress Self { get; }

    public ImmutableSortedSet<UniqueAddress> Unreachable { get; }

    public int MonitoredByNrOfMembers { get; }

    public int Count => _ring.Length;

    /// <summary>The nodes <see cref="Self"/> sends heartbeats to, as <see cref="HeartbeatNodeRing.Receivers"/>.</summary>
    public ImmutableSortedSet<UniqueAddress> Receivers { get; }

    /// <summary><see cref="HeartbeatNodeRing.RingHash"/>, cached per instance.</summary>
    public static ulong Hash(UniqueAddress node) =>
        HashCache.GetValue(node, static n => new StrongBox<ulong>(HeartbeatNodeRing.RingHash(n))).Value;

    private static int Compare(ulong hashA, UniqueAddress a, ulong hashB, UniqueAddress b)
    {
        var c = hashA.CompareTo(hashB);
        return c != 0 ? c : a.CompareTo(b);
    }

    private ImmutableSortedSet<UniqueAddress> ComputeReceivers()
    {
        var builder = ImmutableSortedSet.CreateBuilder<UniqueAddress>();
        if (MonitoredByNrOfMembers >= _ring.Length - 1)
        {
            foreach (var (_, node) in _ring)
            {
                if (!node.Equals(Self))
                {
                    builder.Add(node);
                }
            }

            return builder.ToImmutable();
        }

        var selfHash = Hash(Self);
        int lo = 0, hi = _ring.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Compare(_ring[mid].Hash, _ring[mid].Node, selfHash, Self) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var start = lo % _ring.Length;
        var remaining = MonitoredByNrOfMembers;
        for (var step = 0; step < _ring.Length && remaining > 0; step++)
        {
            var node = _ring[(start + step) % _ring.Length].Node;
            if (node.Equals(Self))
            {
                continue;
            }

            if (!Unreachable.Contains(node))
            {
                builder.Add(node);
                remaining--;
            }
            else if (builder.Count < MonitoredByNrOfMembers)
            {
                builder.Add(node);
            }
        }

        return builder.ToImmutable();
    }
}
