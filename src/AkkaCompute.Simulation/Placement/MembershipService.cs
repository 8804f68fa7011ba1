using System.Globalization;
using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Simulation.Placement;

/// <summary>
/// Stands in for Akka.Cluster: gossip membership, the failure detector and the split-brain resolver (keep-majority). It runs
/// as a scheduled step every <see cref="PlacementOptions.MembershipPoll"/> and looks at the simulator's ground truth (which
/// incarnation is up, which links are open):
/// <list type="bullet">
/// <item>a started incarnation joins (Up) at the next tick, with a new address (port 4053 + incarnation, so that messages to
/// the old incarnation never reach it); it first replaces its node's old, dead incarnation, which is removed (as Akka removes
/// the old incarnation of a restarted host); the model does not wait for convergence as Akka does (WeaklyUp);</item>
/// <item>reachability: the live members fall into groups connected by links open both ways; a crashed incarnation is unreachable to all;</item>
/// <item>keep-majority: once the grouping has not changed for <c>stable-after</c>, the group holding more than half of the
/// members (or exactly half including the lowest address) downs every other member; with no such group nothing is downed
/// (Akka would down every side; the model keeps no journal, so that would lose every replica: out of scope);</item>
/// <item>downed members learn it at their next poll and stop; they are removed <see cref="PlacementOptions.RemovalDelay"/>
/// later, stopped (crashed) and restarted as a new incarnation after 0.5-2 s;</item>
/// <item>a graceful leave starts once every member is reachable (Akka's Leaving -> Exiting -> Removed needs convergence; a
/// leave asked for during a partition waits for the heal): the leaver learns it at its next poll, hands its queued tasks
/// back, stops being a home, finishes its running tasks and exits; the others see it removed a RemovalDelay later (homes
/// re-score its tasks, successors take over its home role); it restarts later as a new incarnation.</item>
/// </list>
/// </summary>
internal sealed class MembershipService
{
    private readonly PlacementWorld world;
    private readonly List<MemberInfo> members = [];
    private readonly List<MembershipEvent> events = [];
    private readonly HashSet<long> downed = [];
    private readonly HashSet<long> leavingUids = [];
    private readonly List<(int Node, long Uid, string Address)> joinRequests = [];
    private readonly List<long> leaveRequests = [];
    private readonly List<long> exitRequests = [];
    private readonly List<(TimeSpan At, MemberInfo Member)> pendingRemovals = [];
    private readonly Dictionary<string, int> groupOf = new(StringComparer.Ordinal);
    private ulong signature;
    private bool healthy = true;
    private TimeSpan stableSince;

    public MembershipService(PlacementWorld world) => this.world = world;

    /// <summary>Every membership change so far, in order; nodes read it from their own cursor.</summary>
    public IReadOnlyList<MembershipEvent> Events => events;

    /// <summary>The current Up members (unreachable ones included).</summary>
    public IReadOnlyList<MemberInfo> Members => members;

    /// <summary>Registers a started incarnation; it joins at the next tick. Returns its address.</summary>
    public string RequestJoin(int node, long uid, int incarnation)
    {
        var address = string.Create(CultureInfo.InvariantCulture, $"akka.tcp://akc@10.0.0.{node + 1}:{4053 + incarnation}");
        joinRequests.Add((node, uid, address));
        world.NodeOfAddress[address] = node;
        world.UidNode[uid] = node;
        return address;
    }

    /// <summary>True once the resolver downed this incarnation.</summary>
    public bool IsDowned(long uid) => downed.Contains(uid);

    /// <summary>True once this incarnation was asked to leave (Akka's Leaving); it is removed a RemovalDelay later.</summary>
    public bool IsLeaving(long uid) => leavingUids.Contains(uid);

    /// <summary>True when both are live members in the same reachability group (as of the last tick).</summary>
    public bool IsReachable(string a, string b) =>
        groupOf.TryGetValue(a, out var ga) && groupOf.TryGetValue(b, out var gb) && ga == gb;

    /// <summary>Asks for a graceful leave of a member (scripted by the workload).</summary>
    public void RequestLeave(long uid) => leaveRequests.Add(uid);

    /// <summary>A leaving node finished: stop it at the next tick and restart it later.</summary>
    public void Exited(long uid) => exitRequests.Add(uid);

    /// <summary>One tick: joins, leaves, exits, due removals, reachability, the resolver; then schedules the next tick.</summary>
    public void Tick(Simulation<Envelope> sim)
    {
        var now = sim.Now;
        foreach (var (node, uid, address) in joinRequests)
        {
            if (sim.IsUp(new NodeId(node)) && sim.GetUid(new NodeId(node)) == uid)
            {
                // A restarted node replaces its old, dead incarnation (Akka removes the old incarnation when a new one of the same
                // host joins): it is removed first, so that crashes do not pile up dead members that no majority can down.
                foreach (var old in members.Where(m => m.Node == node).ToList())
                {
                    members.Remove(old);
                    downed.Add(old.Uid);
                    pendingRemovals.RemoveAll(p => p.Member.Uid == old.Uid);
                    Publish(new MembershipEvent(false, old, true, View()));
                }

                var roles = node >= world.Options.Nodes - world.Options.GpuNodes ? new HashSet<string>(["gpu"], StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal);
                var member = new MemberInfo(new ClusterMember(address, roles), node, uid);
                members.Add(member);
                Publish(new MembershipEvent(true, member, false, View()));
            }
        }

        joinRequests.Clear();

        // As in Akka, Leaving -> Exiting -> Removed needs gossip convergence: no leave starts while a member is unreachable.
        // The leaver learns it is Leaving first (and stops being a home or an owner); the others see it removed a
        // RemovalDelay later, so that no successor home overlaps with it.
        for (var i = 0; healthy && i < leaveRequests.Count; i++)
        {
            if (members.Find(m => m.Uid == leaveRequests[i]) is { } leaver && !downed.Contains(leaver.Uid) && leavingUids.Add(leaver.Uid))
            {
                world.Stats.Leaves++;
                pendingRemovals.Add((now + world.Options.RemovalDelay, leaver));
                if (world.Tracing)
                {
                    world.Log("member leaving " + leaver.Address);
                }
            }

            leaveRequests.RemoveAt(i--);
        }

        foreach (var uid in exitRequests)
        {
            StopAndRestartLater(sim, uid);
        }

        exitRequests.Clear();
        for (var i = 0; i < pendingRemovals.Count; i++)
        {
            var (at, member) = pendingRemovals[i];
            if (at <= now)
            {
                pendingRemovals.RemoveAt(i--);
                members.Remove(member);
                Publish(new MembershipEvent(false, member, downed.Contains(member.Uid), View()));
                StopAndRestartLater(sim, member.Uid);
            }
        }

        Resolve(sim, now);
        sim.Schedule(now + world.Options.MembershipPoll, Tick);
    }

    private void Resolve(Simulation<Envelope> sim, TimeSpan now)
    {
        var live = members.Where(m => !downed.Contains(m.Uid) && !leavingUids.Contains(m.Uid) && sim.IsUp(new NodeId(m.Node)) && sim.GetUid(new NodeId(m.Node)) == m.Uid).ToList();
        var root = new int[live.Count];
        for (var i = 0; i < live.Count; i++)
        {
            root[i] = i;
            for (var j = 0; j < i; j++)
            {
                NodeId a = new(live[i].Node), b = new(live[j].Node);
                if (sim.IsLinkOpen(a, b) && sim.IsLinkOpen(b, a))
                {
                    Union(root, i, j);
                }
            }
        }

        groupOf.Clear();
        ulong sig = 14695981039346656037UL;
        for (var i = 0; i < live.Count; i++)
        {
            var r = Find(root, i);
            groupOf[live[i].Address] = r;
            sig = (sig ^ (ulong)live[i].Uid ^ ((ulong)r << 56)) * 1099511628211UL;
        }

        var contenders = members.Where(m => !downed.Contains(m.Uid) && !leavingUids.Contains(m.Uid)).ToList();
        sig = (sig ^ (ulong)contenders.Count) * 1099511628211UL;
        if (sig != signature)
        {
            signature = sig;
            stableSince = now;
        }

        healthy = live.Count == contenders.Count && groupOf.Values.Distinct().Count() <= 1;
        if (healthy || now - stableSince < world.Options.StableAfter || live.Count == 0)
        {
            return;
        }

        var lowest = contenders.Select(m => m.Address).Min(StringComparer.Ordinal);
        var keep = live.GroupBy(m => groupOf[m.Address])
            .Select(g => g.ToList())
            .FirstOrDefault(g => g.Count * 2 > contenders.Count || (g.Count * 2 == contenders.Count && g.Any(m => m.Address == lowest)));
        if (keep is null)
        {
            return;
        }

        foreach (var m in contenders.Where(m => !keep.Contains(m)))
        {
            downed.Add(m.Uid);
            pendingRemovals.Add((now + world.Options.RemovalDelay, m));
            world.Stats.Downed++;
            if (world.Tracing)
            {
                world.Log($"sbr: keep-majority keeps {keep.Count} of {contenders.Count}, downs {m.Address}");
            }
        }
    }

    private void StopAndRestartLater(Simulation<Envelope> sim, long uid)
    {
        var node = world.NodeOfUid(uid);
        if (node < 0 || !sim.IsUp(new NodeId(node)) || sim.GetUid(new NodeId(node)) != uid)
        {
            return;
        }

        sim.Crash(new NodeId(node));
        var delay = TimeSpan.FromMilliseconds(500 + (world.Random.NextDouble() * 1500));
        sim.Schedule(sim.Now + delay, s =>
        {
            if (!s.IsUp(new NodeId(node)))
            {
                s.Restart(new NodeId(node));
            }
        });
    }

    private void Publish(MembershipEvent e)
    {
        events.Add(e);
        if (world.Tracing)
        {
            world.Log((e.Joined ? "member up " : e.Downed ? "member removed (downed) " : "member removed (left) ") + e.Member.Address + $", {e.View.Count} members");
        }
    }

    private ClusterMember[] View() => members.Select(m => m.Member).ToArray();

    private static int Find(int[] root, int i)
    {
        while (root[i] != i)
        {
            i = root[i] = root[root[i]];
        }

        return i;
    }

    private static void Union(int[] root, int a, int b) => root[Find(root, a)] = Find(root, b);
}
