using AkkaCompute.Cluster;

namespace AkkaCompute.Simulation.Cluster;

/// <summary>
/// The liveness goal of a simulated cluster, tracked incrementally: every node runs a member (initialized, not stopped) whose view
/// has exactly one member per node, every member Up, nobody unreachable, and the same member set as every other node's view (so one
/// leader). <see cref="Observe"/> costs O(1) when the node's gossip is unchanged and O(n) when it changed; <see cref="IsConverged"/>
/// is O(1), plus one O(n) confirmation (the member uids are the running incarnations) when the counters say yes.
/// </summary>
public sealed class ClusterConvergence
{
    private readonly NodeView[] _nodes;
    private readonly Dictionary<ulong, int> _fingerprints = [];
    private int _good;

    /// <summary>Creates a tracker for <paramref name="nodeCount"/> nodes, none good yet.</summary>
    /// <param name="nodeCount">The number of nodes; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nodeCount"/> is below 1.</exception>
    public ClusterConvergence(int nodeCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        _nodes = new NodeView[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            _nodes[i] = new NodeView();
        }
    }

    /// <summary>How many nodes currently hold a complete, all-Up, all-reachable view.</summary>
    public int GoodNodes => _good;

    /// <summary>Updates node <paramref name="node"/>: its incarnation (null while down), gossip, and whether it runs as a member.</summary>
    /// <param name="node">The node index.</param>
    /// <param name="self">The incarnation, or null when the node is down.</param>
    /// <param name="gossip">Its gossip.</param>
    /// <param name="member">True when it is initialized and has not stopped.</param>
    public void Observe(int node, UniqueAddress? self, Gossip gossip, bool member)
    {
        var view = _nodes[node];
        var live = self is not null && member;
        if (live == view.Live && ReferenceEquals(gossip, view.Gossip) && Equals(self, view.Self))
        {
            return;
        }

        Forget(view);
        view.Live = live;
        view.Gossip = gossip;
        view.Self = self;
        if (!live)
        {
            return;
        }

        var members = gossip.Members;
        if (members.Count != _nodes.Length || !gossip.Overview.Reachability.AllUnreachableOrTerminated.IsEmpty)
        {
            return;
        }

        var h = 0xcbf29ce484222325UL;
        foreach (var m in members)
        {
            if (m.Status != MemberStatus.Up)
            {
                return;
            }

            h = (h ^ (ulong)m.UniqueAddress.Uid) * 0x100000001b3UL;
        }

        view.Good = true;
        view.Fingerprint = h;
        _good++;
        _fingerprints[h] = _fingerprints.GetValueOrDefault(h) + 1;
    }

    /// <summary>
    /// True when every node is good and all views have the same members, and those members are exactly the running incarnations.
    /// </summary>
    public bool IsConverged()
    {
        if (_good != _nodes.Length || _fingerprints.Count != 1)
        {
            return false;
        }

        var reference = _nodes[0].Gossip;
        var running = new HashSet<UniqueAddress>(_nodes.Select(n => n.Self!));
        return reference.Members.All(m => running.Contains(m.UniqueAddress));
    }

    private void Forget(NodeView view)
    {
        if (!view.Good)
        {
            return;
        }

        view.Good = false;
        _good--;
        var left = _fingerprints[view.Fingerprint] - 1;
        if (left == 0)
        {
            _fingerprints.Remove(view.Fingerprint);
        }
        else
        {
            _fingerprints[view.Fingerprint] = left;
        }
    }

    private sealed class NodeView
    {
        public UniqueAddress? Self;
        public Gossip Gossip = Gossip.Empty;
        public bool Live;
        public bool Good;
        public ulong Fingerprint;
    }
}
