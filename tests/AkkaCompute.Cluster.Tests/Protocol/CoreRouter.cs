using System.Collections.Immutable;
using AkkaCompute.Cluster.Protocol;

namespace AkkaCompute.Cluster.Tests.Protocol;

/// <summary>
/// A tiny deterministic router for a handful of <see cref="ClusterCore"/>s: explicit virtual time, 1 ms links, cut links and crashed
/// nodes drop messages. Every node is ticked every 10 ms; outboxes are drained in address order after every tick and delivery.
/// Node i has address <c>akc.tcp://sys@host:(2550 + i)</c>.
/// </summary>
internal sealed class CoreRouter
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(1);

    private readonly SortedDictionary<Address, ClusterCore> _nodes = new();
    private readonly PriorityQueue<(Address From, Address To, ClusterMessage Message), (TimeSpan At, long Seq)> _inFlight = new();
    private readonly HashSet<(Address, Address)> _cut = [];
    private readonly Dictionary<Address, long> _incarnations = [];
    private long _seq;

    public CoreRouter(ClusterSettings? settings = null) => Settings = settings ?? ClusterSettings.Default;

    public ClusterSettings Settings { get; }

    public TimeSpan Now { get; private set; }

    /// <summary>Every event each node published, by address (all incarnations).</summary>
    public Dictionary<Address, List<ClusterEvent>> Events { get; } = [];

    /// <summary>Messages delivered so far, by type name.</summary>
    public Dictionary<string, int> Delivered { get; } = [];

    /// <summary>Every delivered message except heartbeats and gossip: (from node, to node, type name).</summary>
    public List<(int From, int To, string Type)> Log { get; } = [];

    public static Address Addr(int i) => TestNodes.Addr(i);

    public ClusterCore this[int i] => _nodes[Addr(i)];

    public bool IsRunning(int i) => _nodes.ContainsKey(Addr(i));

    /// <summary>Creates node i (a new incarnation: uid = 1000 × incarnation + i) with these seeds, and starts it now.</summary>
    public ClusterCore Start(int i, params int[] seeds)
    {
        var incarnation = _incarnations.GetValueOrDefault(Addr(i)) + 1;
        _incarnations[Addr(i)] = incarnation;
        var settings = Settings with { SeedNodes = [.. seeds.Select(Addr)] };
        var core = new ClusterCore(new UniqueAddress(Addr(i), (1000 * incarnation) + i), settings, ImmutableHashSet<string>.Empty, randomSeed: i,
            new ClusterCoreOptions { CheckInvariants = true });
        _nodes[Addr(i)] = core;
        core.Start(Now);
        Flush(core);
        return core;
    }

    public void Crash(int i) => _nodes.Remove(Addr(i));

    /// <summary>Cuts both directions between every node of <paramref name="a"/> and every node of <paramref name="b"/>.</summary>
    public void Partition(int[] a, int[] b)
    {
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                _cut.Add((Addr(x), Addr(y)));
                _cut.Add((Addr(y), Addr(x)));
            }
        }
    }

    /// <summary>Cuts only messages from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void CutOneWay(int from, int to) => _cut.Add((Addr(from), Addr(to)));

    public void Heal() => _cut.Clear();

    public void Act(int i, Action<ClusterCore, TimeSpan> action)
    {
        var core = _nodes[Addr(i)];
        action(core, Now);
        Flush(core);
    }

    /// <summary>Runs for <paramref name="duration"/> of virtual time.</summary>
    public void Run(TimeSpan duration) => RunUntil(() => false, duration);

    /// <summary>Runs until <paramref name="condition"/> holds (checked every step) or <paramref name="timeout"/> passes; returns whether it held.</summary>
    public bool RunUntil(Func<bool> condition, TimeSpan timeout)
    {
        var end = Now + timeout;
        while (Now < end)
        {
            if (condition())
            {
                return true;
            }

            var next = Now + Step;
            DeliverUntil(next);
            Now = next;
            foreach (var core in _nodes.Values.ToList())
            {
                core.Tick(Now);
                Flush(core);
            }
        }

        return condition();
    }

    /// <summary>Node i's view: members by port offset with status, e.g. "1:Up 2:Up".</summary>
    public string View(int i) => string.Join(" ", this[i].LatestGossip.Members.Select(m => $"{m.Address.Port - 2550}:{m.Status}"));

    /// <summary>True when every running node (or those given) sees exactly these nodes, all Up, no unreachable, the same version.</summary>
    public bool AllUp(params int[] nodes)
    {
        var running = nodes.Length == 0 ? _nodes.Keys.Select(a => a.Port!.Value - 2550).ToArray() : nodes;
        VectorClock? version = null;
        foreach (var i in running)
        {
            if (!IsRunning(i) || this[i].IsRemoved)
            {
                return false;
            }

            var g = this[i].LatestGossip;
            if (g.Members.Count != running.Length || g.Members.Any(m => m.Status != MemberStatus.Up) || !g.Overview.Reachability.AllUnreachableOrTerminated.IsEmpty)
            {
                return false;
            }

            if (!running.All(j => g.Members.Any(m => m.UniqueAddress.Equals(this[j].Self))))
            {
                return false;
            }

            if (version is not null && version.Compare(g.Version) != VectorClockOrdering.Same)
            {
                return false;
            }

            version = g.Version;
        }

        return true;
    }

    private void DeliverUntil(TimeSpan until)
    {
        while (_inFlight.TryPeek(out var item, out var key) && key.At <= until)
        {
            _inFlight.Dequeue();
            if (_cut.Contains((item.From, item.To)) || !_nodes.TryGetValue(item.To, out var core))
            {
                continue;
            }

            var name = item.Message.GetType().Name;
            Delivered[name] = Delivered.GetValueOrDefault(name) + 1;
            if (item.Message is not (AkkaCompute.Cluster.Protocol.Heartbeat or HeartbeatRsp or GossipEnvelope or GossipStatus))
            {
                Log.Add((item.From.Port!.Value - 2550, item.To.Port!.Value - 2550, name));
            }

            core.Receive(item.Message, key.At);
            Flush(core, key.At);
        }
    }

    private void Flush(ClusterCore core) => Flush(core, Now);

    private void Flush(ClusterCore core, TimeSpan at)
    {
        foreach (var outbound in core.DrainOutbox())
        {
            _inFlight.Enqueue((core.Self.Address, outbound.To, outbound.Message), (at + Latency, ++_seq));
        }

        var events = core.DrainEvents();
        if (events.Count > 0)
        {
            if (!Events.TryGetValue(core.Self.Address, out var list))
            {
                Events[core.Self.Address] = list = [];
            }

            list.AddRange(events);
        }
    }
}
