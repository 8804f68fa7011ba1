using AkkaCompute.Actors;
using AkkaCompute.Cluster.Wire.Proto;

namespace AkkaCompute.Cluster.Wire;

/// <summary>
/// Conversions of the small wire values (addresses, statuses) between the domain types and <c>cluster.proto</c>. Decoding
/// checks every field and throws <see cref="FormatException"/> naming it; the serialization registry turns that into a
/// <see cref="AkkaCompute.Remote.Serialization.SerializationFailedException"/>.
/// </summary>
internal static class WireConvert
{
    /// <summary>Longest protocol, system or host text accepted from the wire (255 chars, a DNS name's limit).</summary>
    public const int MaxAddressPartChars = 255;

    public static AddressData ToData(Address address)
    {
        if (address.Host is null || address.Port is null)
        {
            throw new ArgumentException($"cluster address {address} has no host and port", nameof(address));
        }

        return new AddressData { Protocol = address.Protocol, System = address.System, Host = address.Host, Port = (uint)address.Port.Value };
    }

    public static Address FromData(AddressData? data, string field)
    {
        if (data is null)
        {
            throw new FormatException($"{field}: the address is missing");
        }

        CheckPart(data.Protocol, field + ".protocol");
        CheckPart(data.System, field + ".system");
        CheckPart(data.Host, field + ".host");
        if (data.Port is 0 or > 65535)
        {
            throw new FormatException($"{field}.port: {data.Port} is not a TCP port (1 to 65535)");
        }

        return new Address(data.Protocol, data.System, data.Host, (int)data.Port);
    }

    public static UniqueAddressData ToData(UniqueAddress node) => new() { Address = ToData(node.Address), Uid = node.Uid };

    public static UniqueAddress FromData(UniqueAddressData? data, string field)
    {
        if (data is null)
        {
            throw new FormatException($"{field}: the node is missing");
        }

        return new UniqueAddress(FromData(data.Address, field), data.Uid);
    }

    public static MemberStatusData ToData(MemberStatus status) => status switch
    {
        MemberStatus.Joining => MemberStatusData.MemberStatusJoining,
        MemberStatus.WeaklyUp => MemberStatusData.MemberStatusWeaklyUp,
        MemberStatus.Up => MemberStatusData.MemberStatusUp,
        MemberStatus.Leaving => MemberStatusData.MemberStatusLeaving,
        MemberStatus.Exiting => MemberStatusData.MemberStatusExiting,
        MemberStatus.Down => MemberStatusData.MemberStatusDown,
        MemberStatus.Removed => MemberStatusData.MemberStatusRemoved,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown member status"),
    };

    public static MemberStatus FromData(MemberStatusData status, string field) => status switch
    {
        MemberStatusData.MemberStatusJoining => MemberStatus.Joining,
        MemberStatusData.MemberStatusWeaklyUp => MemberStatus.WeaklyUp,
        MemberStatusData.MemberStatusUp => MemberStatus.Up,
        MemberStatusData.MemberStatusLeaving => MemberStatus.Leaving,
        MemberStatusData.MemberStatusExiting => MemberStatus.Exiting,
        MemberStatusData.MemberStatusDown => MemberStatus.Down,
        MemberStatusData.MemberStatusRemoved => MemberStatus.Removed,
        _ => throw new FormatException($"{field}: {(int)status} is not a member status"),
    };

    public static ReachabilityStatusData ToData(ReachabilityStatus status) => status switch
    {
        ReachabilityStatus.Reachable => ReachabilityStatusData.ReachabilityStatusReachable,
        ReachabilityStatus.Unreachable => ReachabilityStatusData.ReachabilityStatusUnreachable,
        ReachabilityStatus.Terminated => ReachabilityStatusData.ReachabilityStatusTerminated,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown reachability status"),
    };

    public static ReachabilityStatus FromData(ReachabilityStatusData status, string field) => status switch
    {
        ReachabilityStatusData.ReachabilityStatusReachable => ReachabilityStatus.Reachable,
        ReachabilityStatusData.ReachabilityStatusUnreachable => ReachabilityStatus.Unreachable,
        ReachabilityStatusData.ReachabilityStatusTerminated => ReachabilityStatus.Terminated,
        _ => throw new FormatException($"{field}: {(int)status} is not a reachability status"),
    };

    /// <summary>The element at <paramref name="index"/> of a table, or a <see cref="FormatException"/> naming the field.</summary>
    public static T At<T>(IReadOnlyList<T> table, int index, string field) =>
        index >= 0 && index < table.Count
            ? table[index]
            : throw new FormatException($"{field}: index {index} is outside the table of {table.Count} entries");

    private static void CheckPart(string text, string field)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxAddressPartChars)
        {
            throw new FormatException($"{field}: must be 1 to {MaxAddressPartChars} characters, got {text.Length}");
        }
    }
}
