using System.Collections.Immutable;
using AkkaCompute.Cluster.Wire.Proto;

namespace AkkaCompute.Cluster.Wire;

/// <summary>
/// Rebuilds a <see cref="Gossip"/> from <see cref="GossipData"/> and checks it before anyone can merge it: table indexes in
/// range, known statuses, times and versions at least 1, at most <see cref="MaxNodes"/> nodes, and the structural invariants
/// of <see cref="MembershipInvariants.Check"/> (unique members, none Removed, seen set and reachability only about members).
/// Anything else is a <see cref="FormatException"/> (or the exception of the failed check) naming the field.
/// </summary>
internal static class GossipReader
{
    /// <summary>Most nodes in one gossip's address table (100,000, the largest min-nr-of-members); more is refused as malformed.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>The gossip of <paramref name="data"/>.</summary>
    /// <exception cref="FormatException">A field is missing, out of range or refers outside its table.</exception>
    /// <exception cref="InvariantViolationException">The gossip breaks a structural invariant.</exception>
    /// <exception cref="ArgumentException">A member or reachability record is invalid (e.g. a role with whitespace, a repeated member).</exception>
    public static Gossip Read(GossipData? data, string field)
    {
        if (data is null)
        {
            throw new FormatException($"{field}: the gossip is missing");
        }

        if (data.AllAddresses.Count > MaxNodes)
        {
            throw new FormatException($"{field}.all_addresses: {data.AllAddresses.Count} nodes exceed the limit of {MaxNodes}");
        }

        var nodes = new UniqueAddress[data.AllAddresses.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = WireConvert.FromData(data.AllAddresses[i], $"{field}.all_addresses[{i}]");
        }

        var members = new Member[data.Members.Count];
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = ReadMember(data.Members[i], nodes, data.AllRoles, $"{field}.members[{i}]");
        }

        var seen = ImmutableSortedSet.CreateBuilder<UniqueAddress>();
        for (var i = 0; i < data.Seen.Count; i++)
        {
            seen.Add(WireConvert.At(nodes, data.Seen[i], $"{field}.seen[{i}]"));
        }

        var reachability = ReadReachability(data, nodes, field + ".reachability");
        var version = ClockCodec.Read(data.AllClockNodes, data.Version, field + ".version", nodes);
        var tombstones = new Dictionary<UniqueAddress, DateTimeOffset>();
        for (var i = 0; i < data.Tombstones.Count; i++)
        {
            var t = data.Tombstones[i];
            var node = WireConvert.At(nodes, t.AddressIndex, $"{field}.tombstones[{i}].address_index");
            if (t.RemovedAtUtcTicks < DateTimeOffset.MinValue.UtcTicks || t.RemovedAtUtcTicks > DateTimeOffset.MaxValue.UtcTicks)
            {
                throw new FormatException($"{field}.tombstones[{i}].removed_at_utc_ticks: {t.RemovedAtUtcTicks} is not a time");
            }

            if (!tombstones.TryAdd(node, new DateTimeOffset(t.RemovedAtUtcTicks, TimeSpan.Zero)))
            {
                throw new FormatException($"{field}.tombstones[{i}]: {node} is tombstoned twice");
            }
        }

        var gossip = Gossip.Create(members, new GossipOverview(seen.ToImmutable(), reachability), version, tombstones);
        MembershipInvariants.Check(gossip);
        return gossip;
    }

    private static Member ReadMember(MemberData m, UniqueAddress[] nodes, IReadOnlyList<string> roles, string field)
    {
        var node = WireConvert.At(nodes, m.AddressIndex, field + ".address_index");
        var status = WireConvert.FromData(m.Status, field + ".status");
        if (m.UpNumber < 0)
        {
            throw new FormatException($"{field}.up_number: {m.UpNumber} is negative");
        }

        var memberRoles = new string[m.RoleIndexes.Count];
        for (var r = 0; r < memberRoles.Length; r++)
        {
            memberRoles[r] = WireConvert.At(roles, m.RoleIndexes[r], $"{field}.role_indexes[{r}]");
        }

        return Member.Create(node, status, memberRoles, m.UpNumber == 0 ? Member.NotUp : m.UpNumber, m.HasAppVersion ? m.AppVersion : null);
    }

    private static Reachability ReadReachability(GossipData data, UniqueAddress[] nodes, string field)
    {
        if (data.Reachability.Count == 0)
        {
            return Reachability.Empty;
        }

        var versions = new List<KeyValuePair<UniqueAddress, long>>(data.Reachability.Count);
        var records = new List<ReachabilityRecord>();
        for (var i = 0; i < data.Reachability.Count; i++)
        {
            var row = data.Reachability[i];
            var observer = WireConvert.At(nodes, row.ObserverIndex, $"{field}[{i}].observer_index");
            versions.Add(new(observer, row.Version));
            for (var s = 0; s < row.Subjects.Count; s++)
            {
                var subject = row.Subjects[s];
                records.Add(new ReachabilityRecord(
                    observer,
                    WireConvert.At(nodes, subject.SubjectIndex, $"{field}[{i}].subjects[{s}].subject_index"),
                    WireConvert.FromData(subject.Status, $"{field}[{i}].subjects[{s}].status"),
                    subject.Version));
            }
        }

        return Reachability.Create(records, versions);
    }
}
