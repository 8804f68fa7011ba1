using AkkaCompute.Cluster;

namespace AkkaCompute.Simulation.Cluster;

/// <summary>
/// The safety properties of the membership protocol, checked incrementally after every simulation step on the one node that stepped
/// (<see cref="Observe"/>): nothing is done unless that node's gossip changed, and the cross-node properties use hash-indexed
/// aggregates, so a step costs O(1) when the gossip is unchanged and O(n) (one merge walk of n members) when it changed.
/// <list type="bullet">
/// <item><see cref="ClusterSafetyViolationException.StatesMoveForward"/>: <see cref="MembershipInvariants.CheckTransition"/> on each
/// node's successive gossips (statuses only move forward, no resurrection from a tombstone, the clock never goes back, structure).</item>
/// <item><see cref="ClusterSafetyViolationException.DownedNeverBack"/>: a member a node once saw Down or removed is never again in that
/// node's view with a status before Down (even after the tombstone was pruned); and a member removed in any view never moves Up
/// (Joining or WeaklyUp to Up) in any view later.</item>
/// <item><see cref="ClusterSafetyViolationException.OneLeader"/>: among the nodes that hold the same converged gossip version, at most one
/// considers itself leader, by the rule the protocol acts on (<c>ClusterLeadership</c>: <see cref="Gossip.Leader"/> on the reachability
/// convergence uses); versions are keyed by a 64-bit digest and the last <see cref="LeaderVersionsMax"/> are remembered.</item>
/// <item><see cref="ClusterSafetyViolationException.SplitBrain"/> (when enabled): no two members that are both surviving (running,
/// not Down in their own view) each see the other Down or removed. Under keep-majority the two sides of a partition must never
/// both decide to survive.</item>
/// </list>
/// Not thread-safe; one instance per simulation.
/// </summary>
public sealed class ClusterSafetyChecker
{
    /// <summary>How many converged versions the one-leader check remembers (oldest forgotten first).</summary>
    public const int LeaderVersionsMax = 100_000;

    private readonly NodeState[] _nodes;
    private readonly bool _checkSplitBrain;
    private readonly Dictionary<long, int> _nodeOfUid = [];
    private readonly HashSet<long> _removedAnywhere = [];
    private readonly Dictionary<ulong, long> _leaderOfVersion = [];
    private readonly Queue<ulong> _leaderVersionsOrder = new();

    /// <summary>Creates a checker for <paramref name="nodeCount"/> nodes.</summary>
    /// <param name="nodeCount">The number of nodes; at least 1.</param>
    /// <param name="checkSplitBrain">Whether to run the split-brain check (meaningful under keep-majority).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nodeCount"/> is below 1.</exception>
    public ClusterSafetyChecker(int nodeCount, bool checkSplitBrain)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        _nodes = new NodeState[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            _nodes[i] = new NodeState();
        }

        _checkSplitBrain = checkSplitBrain;
    }

    /// <summary>The number of node-steps at which a changed gossip was checked.</summary>
    public long GossipsChecked { get; private set; }

    /// <summary>
    /// Looks at node <paramref name="node"/> after a step: <paramref name="self"/> is its current incarnation (null while crashed),
    /// <paramref name="gossip"/> its latest gossip, <paramref name="stopped"/> whether it stopped for good.
    /// </summary>
    /// <param name="node">The node index.</param>
    /// <param name="self">The incarnation's unique address, or null when the node is down.</param>
    /// <param name="gossip">The incarnation's gossip (ignored when <paramref name="self"/> is null).</param>
    /// <param name="stopped">True when the incarnation stopped (removed, downed or exited).</param>
    /// <exception cref="ClusterSafetyViolationException">A property was broken.</exception>
    public void Observe(int node, UniqueAddress? self, Gossip gossip, bool stopped)
    {
        var state = _nodes[node];
        if (self is null)
        {
            state.Running = false;
            return;
        }

        if (!self.Equals(state.Self))
        {
            // A new incarnation: start its history afresh.
            state.Self = self;
            state.Gossip = Gossip.Empty;
            state.SeenDownOrRemoved.Clear();
            state.SelfDown = false;
            _nodeOfUid[self.Uid] = node;
        }

        state.Running = !stopped;
        if (ReferenceEquals(gossip, state.Gossip))
        {
            return;
        }

        GossipsChecked++;
        var before = state.Gossip;
        var name = Name(node);
        try
        {
            // MembershipInvariants.CheckTransition, in linear time when only the seen set changed.
            AkkaCompute.Cluster.Protocol.GossipChecks.CheckTransition(before, gossip);
        }
        catch (InvariantViolationException e)
        {
            throw new ClusterSafetyViolationException(ClusterSafetyViolationException.StatesMoveForward, name, e.Message, e);
        }

        state.Gossip = gossip;
        state.SelfDown = gossip.TryGetMember(self, out var me) && me.Status == MemberStatus.Down;
        var newlyDowned = ReferenceEquals(before.Members, gossip.Members) ? null : Walk(node, state, before, gossip);
        CheckLeader(node, self, gossip);
        if (_checkSplitBrain && newlyDowned is not null)
        {
            foreach (var uid in newlyDowned)
            {
                CheckMutualDowning(node, uid);
            }
        }
    }

    private static string Name(int node) => "n" + node.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool Surviving(NodeState s) => s.Running && s.Self is not null && !s.SelfDown;

    /// <summary>Merge-walks the old and new member sets; returns the uids this node newly sees Down or removed (non-graceful).</summary>
    private List<long>? Walk(int node, NodeState state, Gossip before, Gossip after)
    {
        List<long>? newlyDowned = null;
        using var b = before.Members.GetEnumerator();
        using var a = after.Members.GetEnumerator();
        var hasB = b.MoveNext();
        var hasA = a.MoveNext();
        while (hasB || hasA)
        {
            var c = !hasB ? 1 : !hasA ? -1 : b.Current.CompareTo(a.Current);
            if (c < 0)
            {
                // Removed from this view.
                var gone = b.Current;
                _removedAnywhere.Add(gone.UniqueAddress.Uid);
                if (state.SeenDownOrRemoved.Add(gone.UniqueAddress.Uid) && gone.Status != MemberStatus.Exiting)
                {
                    (newlyDowned ??= []).Add(gone.UniqueAddress.Uid);
                }

                hasB = b.MoveNext();
                continue;
            }

            var m = a.Current;
            var uid = m.UniqueAddress.Uid;
            if (m.Status == MemberStatus.Down)
            {
                if (state.SeenDownOrRemoved.Add(uid))
                {
                    (newlyDowned ??= []).Add(uid);
                }
            }
            else if (state.SeenDownOrRemoved.Count > 0 && state.SeenDownOrRemoved.Contains(uid))
            {
                throw new ClusterSafetyViolationException(ClusterSafetyViolationException.DownedNeverBack, Name(node),
                    $"{m.UniqueAddress} was Down or removed in this node's view and is back as {m.Status}");
            }

            var wasJoining = c == 0 && b.Current.Status is MemberStatus.Joining or MemberStatus.WeaklyUp;
            if (m.Status == MemberStatus.Up && wasJoining && _removedAnywhere.Contains(uid))
            {
                throw new ClusterSafetyViolationException(ClusterSafetyViolationException.DownedNeverBack, Name(node),
                    $"{m.UniqueAddress} was removed from the cluster earlier and moved Up again (from {b.Current.Status})");
            }

            if (c == 0)
            {
                hasB = b.MoveNext();
            }

            hasA = a.MoveNext();
        }

        return newlyDowned;
    }

    private void CheckLeader(int node, UniqueAddress self, Gossip gossip)
    {
        // The protocol's notion of leader (ClusterLeadership: Gossip.Leader on the reachability convergence uses).
        if (!AkkaCompute.Cluster.Protocol.ClusterLeadership.IsLeader(gossip, self) || !gossip.Convergence(self))
        {
            return;
        }

        var key = ClusterMessageSize.VersionDigest(gossip.Version);
        if (_leaderOfVersion.TryGetValue(key, out var other))
        {
            if (other != self.Uid)
            {
                var otherName = _nodeOfUid.TryGetValue(other, out var i) ? Name(i) : "uid " + other;
                throw new ClusterSafetyViolationException(ClusterSafetyViolationException.OneLeader, Name(node),
                    $"{self} and {otherName} (uid {other}) both lead the converged view {gossip.Version}");
            }

            return;
        }

        _leaderOfVersion[key] = self.Uid;
        _leaderVersionsOrder.Enqueue(key);
        if (_leaderVersionsOrder.Count > LeaderVersionsMax)
        {
            _leaderOfVersion.Remove(_leaderVersionsOrder.Dequeue());
        }
    }

    private void CheckMutualDowning(int node, long downedUid)
    {
        var me = _nodes[node];
        if (!Surviving(me) || !_nodeOfUid.TryGetValue(downedUid, out var other))
        {
            return;
        }

        var them = _nodes[other];
        if (them.Self?.Uid == downedUid && Surviving(them) && them.SeenDownOrRemoved.Contains(me.Self!.Uid))
        {
            throw new ClusterSafetyViolationException(ClusterSafetyViolationException.SplitBrain, Name(node),
                $"{me.Self} (not Down in its own view) sees {them.Self} Down or removed, and {them.Self} (running, not Down in its own view) sees {me.Self} Down or removed: both sides survive");
        }
    }

    private sealed class NodeState
    {
        public UniqueAddress? Self;
        public Gossip Gossip = Gossip.Empty;
        public bool Running;
        public bool SelfDown;
        public readonly HashSet<long> SeenDownOrRemoved = [];
    }
}
