using AkkaCompute.Cluster.Wire.Proto;
using Google.Protobuf.Collections;

namespace AkkaCompute.Cluster.Wire;

/// <summary>
/// Vector clocks on the wire. Each entry names its node either by an index into a table of names held by the enclosing message
/// (written once however many clocks mention it) or, inside a gossip, by the index of the node's row in the address table, when
/// the name is that node's <see cref="VectorClockNode.For"/> (the usual case: members stamp the gossip with their own entry).
/// </summary>
internal static class ClockCodec
{
    /// <summary>
    /// Appends the entries of <paramref name="clock"/> to <paramref name="entries"/>. A name found in <paramref name="addressIndex"/>
    /// (clock name to address row) is written as that row; other names are added to <paramref name="names"/> once.
    /// </summary>
    public static void Write(
        VectorClock clock,
        RepeatedField<string> names,
        Dictionary<string, int> nameIndex,
        RepeatedField<ClockEntryData> entries,
        IReadOnlyDictionary<string, int>? addressIndex = null)
    {
        foreach (var (node, time) in clock.Entries)
        {
            if (addressIndex is not null && addressIndex.TryGetValue(node.Name, out var row))
            {
                entries.Add(new ClockEntryData { AddressIndex = row, Time = time });
                continue;
            }

            if (!nameIndex.TryGetValue(node.Name, out var i))
            {
                i = names.Count;
                names.Add(node.Name);
                nameIndex.Add(node.Name, i);
            }

            entries.Add(new ClockEntryData { NodeIndex = i, Time = time });
        }
    }

    /// <summary>
    /// Rebuilds a clock. An index outside its table (or an address index where there is no address table), no node at all, a time
    /// below 1 or a repeated node is a <see cref="FormatException"/>.
    /// </summary>
    public static VectorClock Read(IReadOnlyList<string> names, IReadOnlyList<ClockEntryData> entries, string field, IReadOnlyList<UniqueAddress>? addresses = null)
    {
        if (entries.Count == 0)
        {
            return VectorClock.Empty;
        }

        var pairs = new KeyValuePair<VectorClockNode, long>[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var node = e.NodeCase switch
            {
                ClockEntryData.NodeOneofCase.NodeIndex => new VectorClockNode(WireConvert.At(names, e.NodeIndex, $"{field}[{i}].node_index")),
                ClockEntryData.NodeOneofCase.AddressIndex when addresses is not null =>
                    VectorClockNode.For(WireConvert.At(addresses, e.AddressIndex, $"{field}[{i}].address_index")),
                _ => throw new FormatException($"{field}[{i}]: the entry names no node"),
            };
            if (e.Time < 1)
            {
                throw new FormatException($"{field}[{i}].time: {e.Time} is below 1");
            }

            pairs[i] = new(node, e.Time);
        }

        try
        {
            return VectorClock.Create(pairs);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"{field}: {ex.Message}", ex);
        }
    }
}
