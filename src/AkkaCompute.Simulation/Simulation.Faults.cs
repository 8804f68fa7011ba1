using System.Globalization;
using System.Text;
using AkkaCompute.Simulation.Internal;

namespace AkkaCompute.Simulation;

/// <content>The scripted fault API and the fault log.</content>
public sealed partial class Simulation<TMessage>
{
    private const int DescribedIdsMax = 8;
    private readonly List<FaultRecord> faultLog = new();
    private int downCount;

    /// <summary>Every fault applied so far, scripted or random, oldest first, up to <see cref="SimulationOptions{TMessage}.FaultLogMax"/> entries.</summary>
    public IReadOnlyList<FaultRecord> FaultLog => faultLog;

    /// <summary>The number of faults applied after <see cref="FaultLog"/> was full (applied, but not recorded).</summary>
    public long FaultLogOverflow { get; private set; }

    /// <summary>The number of nodes currently down.</summary>
    public int DownCount => downCount;

    /// <summary>
    /// Splits the network into groups that cannot reach each other (both directions), replacing
    /// any earlier symmetric partition or isolation; one-way partitions stay. Nodes named in no
    /// group form one more group of their own. Messages already in flight across a new cut are
    /// dropped on arrival.
    /// </summary>
    /// <param name="groups">One or more disjoint groups of nodes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="groups"/> or one of its groups is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A node is not a node of this simulation.</exception>
    /// <exception cref="ArgumentException">No group was given, or a node appears twice.</exception>
    public void Partition(params IReadOnlyCollection<NodeId>[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Length == 0)
        {
            throw new ArgumentException("Partition needs at least one group (unnamed nodes form one more group).", nameof(groups));
        }

        var groupOf = new int[NodeCount];
        Array.Fill(groupOf, -1);
        for (var g = 0; g < groups.Length; g++)
        {
            ArgumentNullException.ThrowIfNull(groups[g], nameof(groups));
            foreach (var node in groups[g])
            {
                Slot(node);
                if (groupOf[node.Index] >= 0)
                {
                    throw new ArgumentException($"{node} appears in more than one partition group.", nameof(groups));
                }

                groupOf[node.Index] = g;
            }
        }

        for (var i = 0; i < groupOf.Length; i++)
        {
            if (groupOf[i] < 0)
            {
                groupOf[i] = groups.Length;
            }
        }

        ApplyPartition(groupOf, isRandom: false);
    }

    /// <summary>Cuts one node off from every other node, in both directions, until <see cref="Heal"/>.</summary>
    /// <param name="node">The node to isolate.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is not a node of this simulation.</exception>
    public void Isolate(NodeId node)
    {
        Slot(node);
        links.Isolate(node.Index);
        Record(FaultKind.Isolate, isRandom: false, () => "isolate " + node);
    }

    /// <summary>
    /// An asymmetric partition: messages from any node in <paramref name="from"/> to any node in
    /// <paramref name="to"/> are dropped, while messages from <paramref name="to"/> to
    /// <paramref name="from"/> still flow. Adds to existing faults until <see cref="Heal"/>.
    /// </summary>
    /// <param name="from">The nodes that can no longer send to <paramref name="to"/>.</param>
    /// <param name="to">The nodes that can no longer hear from <paramref name="from"/>.</param>
    /// <exception cref="ArgumentNullException">A set is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A node is not a node of this simulation.</exception>
    /// <exception cref="ArgumentException">A node is in both sets.</exception>
    public void PartitionOneWay(IReadOnlyCollection<NodeId> from, IReadOnlyCollection<NodeId> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var fromSet = ToMask(from);
        var toSet = ToMask(to);
        for (var i = 0; i < NodeCount; i++)
        {
            if (fromSet[i] && toSet[i])
            {
                throw new ArgumentException($"n{i} is in both the 'from' and the 'to' set of a one-way partition.", nameof(to));
            }
        }

        ApplyOneWay(fromSet, toSet, isRandom: false);
    }

    /// <summary>Removes every partition, isolation and one-way partition. Crashed nodes stay down (see <see cref="HealAll"/>).</summary>
    public void Heal()
    {
        links.Heal();
        Record(FaultKind.Heal, isRandom: false, static () => "heal");
    }

    /// <summary>
    /// Stops a node: its state is discarded, its pending timers never fire, and every message in
    /// flight to it (and every later send to it) is dropped. Messages it sent before the crash
    /// are still delivered. Does nothing if the node is already down.
    /// </summary>
    /// <param name="node">The node to crash.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is not a node of this simulation.</exception>
    public void Crash(NodeId node)
    {
        Slot(node);
        CrashCore(node.Index, isRandom: false);
    }

    /// <summary>
    /// Starts a new incarnation of a node: a new uid, a fresh node object from the factory, a
    /// fresh random source, and <see cref="ISimulatedNode{TMessage}.OnStart"/> as a step at the
    /// current time. A node that is up is crashed first. Messages sent to the old incarnation are
    /// never delivered to the new one.
    /// </summary>
    /// <param name="node">The node to restart.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is not a node of this simulation.</exception>
    /// <exception cref="InvalidOperationException">The factory returned null, or the pending-event limit is reached.</exception>
    public void Restart(NodeId node)
    {
        Slot(node);
        RestartCore(node.Index, isRandom: false);
    }

    /// <summary>Heals the network and restarts every node that is down, in node order (the start of a liveness phase).</summary>
    /// <exception cref="InvalidOperationException">The factory returned null, or the pending-event limit is reached.</exception>
    public void HealAll()
    {
        Heal();
        for (var i = 0; i < slots.Length; i++)
        {
            if (!slots[i].Up)
            {
                RestartCore(i, isRandom: false);
            }
        }
    }

    private void ApplyPartition(int[] groupOf, bool isRandom)
    {
        links.SetGroups(groupOf);
        Record(FaultKind.Partition, isRandom, () => "partition " + DescribeGroups(groupOf));
    }

    private void ApplyOneWay(bool[] from, bool[] to, bool isRandom)
    {
        links.AddOneWay(from, to);
        Record(FaultKind.OneWayPartition, isRandom, () => "one-way " + DescribeMask(from) + " -/-> " + DescribeMask(to));
    }

    private bool CrashCore(int index, bool isRandom)
    {
        var slot = slots[index];
        if (!slot.Up)
        {
            return false;
        }

        slot.Up = false;
        slot.Node = null;
        slot.Context = null;
        downCount++;
        Record(FaultKind.Crash, isRandom, () => "crash n" + index.ToString(CultureInfo.InvariantCulture));
        return true;
    }

    private void RestartCore(int index, bool isRandom)
    {
        var slot = slots[index];
        CrashCore(index, isRandom);
        StartIncarnation(index, slot.Incarnation + 1);
        downCount--;
        Record(FaultKind.Restart, isRandom, () => string.Create(CultureInfo.InvariantCulture, $"restart n{index} as incarnation {slot.Incarnation} uid {slot.Uid}"));
    }

    private bool[] ToMask(IReadOnlyCollection<NodeId> nodes)
    {
        var mask = new bool[NodeCount];
        foreach (var node in nodes)
        {
            Slot(node);
            mask[node.Index] = true;
        }

        return mask;
    }

    private void Record(FaultKind kind, bool isRandom, Func<string> describe)
    {
        if (faultLog.Count >= Options.FaultLogMax)
        {
            FaultLogOverflow++;
            return;
        }

        faultLog.Add(new FaultRecord(stepNumber, Now, kind, isRandom, describe()));
    }

    private static string DescribeGroups(int[] groupOf)
    {
        // Groups are listed in order of their smallest member, members in index order.
        var order = new List<int>();
        var members = new Dictionary<int, List<int>>();
        for (var i = 0; i < groupOf.Length; i++)
        {
            if (!members.TryGetValue(groupOf[i], out var list))
            {
                list = new List<int>();
                members.Add(groupOf[i], list);
                order.Add(groupOf[i]);
            }

            list.Add(i);
        }

        var text = new StringBuilder();
        foreach (var group in order)
        {
            if (text.Length > 0)
            {
                text.Append('|');
            }

            AppendIds(text, members[group]);
        }

        return text.ToString();
    }

    private static string DescribeMask(bool[] mask)
    {
        var ids = new List<int>();
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                ids.Add(i);
            }
        }

        var text = new StringBuilder();
        AppendIds(text, ids);
        return text.ToString();
    }

    private static void AppendIds(StringBuilder text, List<int> ids)
    {
        text.Append('{');
        for (var i = 0; i < ids.Count && i < DescribedIdsMax; i++)
        {
            text.Append(i == 0 ? "n" : ",n").Append(ids[i].ToString(CultureInfo.InvariantCulture));
        }

        if (ids.Count > DescribedIdsMax)
        {
            text.Append(",+").Append((ids.Count - DescribedIdsMax).ToString(CultureInfo.InvariantCulture));
        }

        text.Append('}');
    }
}
