using System.Collections.Immutable;
using AkkaCompute.Actors;
using AkkaCompute.Cluster.Sbr;

namespace AkkaCompute.Cluster.Protocol;

/// <content>The split-brain resolver, downing, and stopping when downed (Akka's <c>SplitBrainResolver</c>, <c>Downing</c>, <c>ShutdownSelfWhenDown</c>).</content>
public sealed partial class ClusterCore
{
    /// <summary>
    /// The split-brain resolver, every <see cref="TickInterval"/> (Akka ticks it every second; ticking more often only lets a decision
    /// fall due closer to its stable-after deadline): <see cref="SbrTimer.Tick"/> on this node's view, then the decision is acted on
    /// in one gossip version, which goes at once to up to <see cref="DecisionFanOut"/> random members besides the downed ones (every
    /// member of a cluster of up to 101). Each answers with its merged gossip (the talkback of a newer version), so the leader sees
    /// the decision seen by all of them one round trip later and removes the downed members then (see
    /// <see cref="LeaderActionsOnDownConvergence"/>) instead of after several epidemic rounds. Skipped while nothing is unreachable
    /// and nothing was, which is equivalent (the timer only restarts its deadline then) and keeps a quiet 1,000-member cluster cheap.
    /// </summary>
    private void SplitBrainResolverTick()
    {
        var timer = _sbr!;
        var gossip = _state.LatestGossip;
        if (timer.ChangeCount == 0 && (timer.Previous is null || timer.Previous.Unreachable.IsEmpty) && gossip.Overview.Reachability.IsAllReachable && !AnyDown(gossip))
        {
            return;
        }

        var view = SbrView.FromGossip(gossip, Self);
        var tick = timer.Tick(_now, view, _strategy, IsSelfLeader());
        _sbr = tick.Timer;
        if (tick.Decision.NodesToDown.IsEmpty)
        {
            return;
        }

        _counters = _counters with { SplitBrainDecisions = _counters.SplitBrainDecisions + 1 };
        var downed = WithoutUncountedSurvivors(view, tick.Decision.NodesToDown).ToList();
        DowningMembers(downed);
        if (_phase == Phase.Initialized && !downed.Contains(Self))
        {
            SendGossipRandom(DecisionFanOut);
        }
    }

    /// <summary>
    /// The decision's nodes, plus this side's remaining members when none of them is Up or Leaving. This side is every member this
    /// node does not consider unreachable. A side with no Up or Leaving member can never be the side that survives (the strategies
    /// count only those), but a <see cref="SbrDecisionKind.DownIndirectlyConnected"/> decision can down this side's counted members as
    /// indirectly connected and keep its Joining or WeaklyUp ones: found by the simulator after a one-way partition, where a lone
    /// WeaklyUp node then moved itself Up and ran on as a second cluster. Deviation from Akka, whose strategy leaves it alive.
    /// </summary>
    internal static IEnumerable<UniqueAddress> WithoutUncountedSurvivors(SbrView view, ImmutableSortedSet<UniqueAddress> nodesToDown)
    {
        var survivors = new List<UniqueAddress>();
        foreach (var m in view.Members)
        {
            if (nodesToDown.Contains(m.UniqueAddress) || view.Unreachable.Contains(m.UniqueAddress) ||
                m.Status is MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Removed)
            {
                continue;
            }

            if (m.Status is MemberStatus.Up or MemberStatus.Leaving)
            {
                return nodesToDown;
            }

            survivors.Add(m.UniqueAddress);
        }

        return nodesToDown.Union(survivors);
    }

    /// <summary>Whether a member is Down; O(n) once per member set (cached on its instance), O(1) after.</summary>
    private bool AnyDown(Gossip gossip)
    {
        if (!ReferenceEquals(_anyDownMembers, gossip.Members))
        {
            _anyDownMembers = gossip.Members;
            _anyDown = false;
            foreach (var m in gossip.Members)
            {
                if (m.Status == MemberStatus.Down)
                {
                    _anyDown = true;
                    break;
                }
            }
        }

        return _anyDown;
    }

    private void Downing(Address address)
    {
        var member = MemberAt(_state.LatestGossip, address);
        if (member is not null)
        {
            DowningMember(member.UniqueAddress);
        }
    }

    private void DowningMember(UniqueAddress node) => DowningMembers([node]);

    /// <summary>
    /// Akka's <c>Downing</c> for a set of members at once: marks each Down (and out of the seen set) in one gossip update; then gossips
    /// to each downed node as a STONITH signal, and, when this node is among them, to five random members so the news spreads before
    /// it stops. Deviation from Akka, which downs a split-brain decision's members one by one (one gossip version each, this node
    /// last): the simulator showed the intermediate versions reaching downed nodes, which then saw the other side Down before seeing
    /// themselves Down; one version per decision never shows half a decision.
    /// </summary>
    private void DowningMembers(IEnumerable<UniqueAddress> nodes)
    {
        var gossip = _state.LatestGossip;
        var downed = new List<UniqueAddress>();
        foreach (var node in nodes)
        {
            if (gossip.TryGetMember(node, out var member) && member.Status != MemberStatus.Down)
            {
                gossip = gossip.MarkAsDown(member);
                downed.Add(node);
            }
        }

        if (downed.Count == 0)
        {
            return;
        }

        UpdateLatestGossip(gossip);
        foreach (var node in downed)
        {
            if (!node.Equals(Self))
            {
                GossipTo(node);
            }
        }

        if (downed.Contains(Self))
        {
            SendGossipRandom(MaxGossipsBeforeShuttingDownMyself);
        }
    }

    /// <summary>
    /// Akka's <c>ShutdownSelfWhenDown</c>: a Down node stops once every other Down member is unreachable or has seen the gossip, or
    /// after four leader ticks, gossiping to five random members first.
    /// </summary>
    private void ShutdownSelfWhenDown()
    {
        var gossip = _state.LatestGossip;
        if (_phase != Phase.Initialized || _state.SelfMember.Status != MemberStatus.Down)
        {
            return;
        }

        var unreachable = gossip.Overview.Reachability.AllUnreachableOrTerminated;
        var allKnow = true;
        foreach (var m in gossip.Members)
        {
            if (m.Status == MemberStatus.Down && !unreachable.Contains(m.UniqueAddress) && !gossip.SeenByNode(m.UniqueAddress))
            {
                allKnow = false;
                break;
            }
        }

        if (_selfDownCounter >= MaxTicksBeforeShuttingDownMyself || allKnow)
        {
            SendGossipRandom(MaxGossipsBeforeShuttingDownMyself);
            ShutDown();
        }
        else
        {
            _selfDownCounter++;
        }
    }
}
