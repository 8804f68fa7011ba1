using System.Collections.Immutable;
using AkkaCompute.Cluster.Sbr;

namespace AkkaCompute.Cluster.Protocol;

/// <content>The periodic duties of a member, dispatched by <see cref="Tick"/>: heartbeats and the reaper (Akka's <c>ClusterHeartbeatSender</c>, <c>ReapUnreachableMembers</c>).</content>
public sealed partial class ClusterCore
{
    /// <summary>
    /// How many members a split-brain decision is gossiped to at once: enough that the leader of a cluster of up to 101 members
    /// hears back from every one of them within a round trip, bounded so that a 1,000-member cluster's decision costs 100 gossips
    /// out and 100 back, after which the epidemic rounds reach the rest from 100 informed members.
    /// </summary>
    private const int DecisionFanOut = 100;

    private TimeSpan _nextGossip;
    private TimeSpan _nextHeartbeat;
    private TimeSpan _nextReap;
    private TimeSpan _nextLeaderActions;
    private TimeSpan _nextSbr;
    private TimeSpan? _speedup1;
    private TimeSpan? _speedup2;
    private SbrTimer? _sbr;
    private int _leaderActionCounter;
    private int _selfDownCounter;
    private ImmutableSortedSet<UniqueAddress> _exitingConfirmed = [];
    private ImmutableSortedSet<Member>? _anyDownMembers;
    private bool _anyDown;

    private void TickInitialized()
    {
        if (_now >= _nextGossip)
        {
            _nextGossip = Next(_nextGossip, _settings.GossipInterval);
            GossipTick();
        }

        SpeedupTicks();
        if (_now >= _nextHeartbeat && _phase == Phase.Initialized)
        {
            _nextHeartbeat = Next(_nextHeartbeat, _settings.HeartbeatInterval);
            HeartbeatTick();
        }

        if (_now >= _nextReap && _phase == Phase.Initialized)
        {
            _nextReap = Next(_nextReap, _settings.UnreachableNodesReaperInterval);
            ReapUnreachableMembers();
        }

        if (_now >= _nextLeaderActions && _phase == Phase.Initialized)
        {
            _nextLeaderActions = Next(_nextLeaderActions, _settings.LeaderActionsInterval);
            LeaderActionsTick();
        }

        if (_now >= _nextSbr && _phase == Phase.Initialized)
        {
            _nextSbr = Next(_nextSbr, TickInterval);
            SplitBrainResolverTick();
        }
    }

    private TimeSpan Next(TimeSpan due, TimeSpan interval)
    {
        var next = due + interval;
        return next > _now ? next : _now + interval;
    }

    private void HeartbeatTick()
    {
        _heartbeat.Update(_state.LatestGossip, _now);
        foreach (var (to, heartbeat) in _heartbeat.Tick(_now))
        {
            Send(to.Address, heartbeat);
        }
    }

    /// <summary>
    /// Akka's <c>ReapUnreachableMembers</c>: members whose failure detector says unavailable become unreachable from this node, and
    /// members this node recorded unreachable whose detector says available again (or that are no longer monitored) become reachable.
    /// When a member became unreachable, the new gossip goes at once to the leader (deviation from Akka, where the leader learns it
    /// from the random gossip rounds, 1 to 3 s later in a 100-member cluster): the split-brain resolver's stable-after starts when the
    /// leader sees the change, so this takes the rounds out of the time from a crash to the downing. At most one message per reaper
    /// run. O(k log n) for k monitored nodes.
    /// </summary>
    private void ReapUnreachableMembers()
    {
        if (IsSingletonCluster)
        {
            return;
        }

        _heartbeat.Update(_state.LatestGossip, _now);
        var gossip = _state.LatestGossip;
        var reachability = gossip.Overview.Reachability;
        var changed = reachability;
        var newlyUnreachable = false;
        foreach (var node in _heartbeat.Monitored)
        {
            if (!node.Equals(Self) && gossip.HasMember(node) &&
                reachability.Status(Self, node) == ReachabilityStatus.Reachable && !_heartbeat.IsAvailable(node, _now))
            {
                changed = changed.Unreachable(Self, node);
                newlyUnreachable = true;
            }
        }

        if (!reachability.IsAllReachable)
        {
            foreach (var record in reachability.RecordsFrom(Self))
            {
                if (record.Status == ReachabilityStatus.Unreachable && !record.Subject.Equals(Self) && _heartbeat.IsAvailable(record.Subject, _now))
                {
                    changed = changed.Reachable(Self, record.Subject);
                }
            }
        }

        if (!ReferenceEquals(changed, reachability))
        {
            UpdateLatestGossip(gossip.Copy(overview: gossip.Overview with { Reachability = changed }));
            if (newlyUnreachable && ClusterLeadership.Leader(_state.LatestGossip, Self) is { } leader && !leader.Equals(Self))
            {
                GossipTo(leader);
            }
        }
    }
}
