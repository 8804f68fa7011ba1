using AkkaCompute.Cluster.Wire.Proto;

namespace AkkaCompute.Cluster.Wire;

/// <summary>
/// Turns a <see cref="Gossip"/> into <see cref="GossipData"/>: every node, role and clock name is written once into a table
/// and referred to by index; the clock entries of nodes in the address table refer to their address row. O(n + r + v) for n
/// members, r reachability records and v clock entries.
/// </summary>
internal sealed class GossipWriter
{
    private readonly GossipData _data = new();
    private readonly Dictionary<UniqueAddress, int> _addresses = [];
    private readonly Dictionary<string, int> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _clockNodes = new(StringComparer.Ordinal);

    private GossipWriter()
    {
    }

    /// <summary>The wire form of <paramref name="gossip"/>.</summary>
    /// <exception cref="ArgumentException">A member's address has no host or port.</exception>
    public static GossipData Write(Gossip gossip)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        var w = new GossipWriter();
        foreach (var m in gossip.Members)
        {
            var member = new MemberData
            {
                AddressIndex = w.Address(m.UniqueAddress),
                Status = WireConvert.ToData(m.Status),
                UpNumber = m.UpNumber == Member.NotUp ? 0 : m.UpNumber,
            };
            foreach (var role in m.Roles)
            {
                member.RoleIndexes.Add(w.Role(role));
            }

            if (m.AppVersion is not null)
            {
                member.AppVersion = m.AppVersion;
            }

            w._data.Members.Add(member);
        }

        foreach (var node in gossip.Overview.Seen)
        {
            w._data.Seen.Add(w.Address(node));
        }

        w.WriteReachability(gossip.Overview.Reachability);
        var byClockName = w._addresses.ToDictionary(p => VectorClockNode.For(p.Key).Name, p => p.Value, StringComparer.Ordinal);
        ClockCodec.Write(gossip.Version, w._data.AllClockNodes, w._clockNodes, w._data.Version, byClockName);
        foreach (var (node, removedAt) in gossip.Tombstones)
        {
            w._data.Tombstones.Add(new TombstoneData { AddressIndex = w.Address(node), RemovedAtUtcTicks = removedAt.UtcTicks });
        }

        return w._data;
    }

    private void WriteReachability(Reachability reachability)
    {
        foreach (var (observer, version) in reachability.Versions)
        {
            var row = new ObserverReachabilityData { ObserverIndex = Address(observer), Version = version };
            foreach (var record in reachability.RecordsFrom(observer))
            {
                row.Subjects.Add(new SubjectReachabilityData
                {
                    SubjectIndex = Address(record.Subject),
                    Status = WireConvert.ToData(record.Status),
                    Version = record.Version,
                });
            }

            _data.Reachability.Add(row);
        }
    }

    private int Address(UniqueAddress node)
    {
        if (!_addresses.TryGetValue(node, out var i))
        {
            i = _data.AllAddresses.Count;
            _data.AllAddresses.Add(WireConvert.ToData(node));
            _addresses.Add(node, i);
        }

        return i;
    }

    private int Role(string role)
    {
        if (!_roles.TryGetValue(role, out var i))
        {
            i = _data.AllRoles.Count;
            _data.AllRoles.Add(role);
            _roles.Add(role, i);
        }

        return i;
    }
}
