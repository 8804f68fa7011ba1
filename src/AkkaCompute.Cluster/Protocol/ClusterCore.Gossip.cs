using System.Collections.Immutable;

namespace AkkaCompute.Cluster.Protocol;

/// <content>Sending gossip: rounds, speed-up rounds, choosing targets (Akka's <c>GossipTick</c>, <c>SendGossip</c>).</content>
public sealed partial class ClusterCore
{
    private const int RejectionSamplingTries = 32;

    private void GossipTick()
    {
        SendGossip();
        if (IsGossipSpeedupNeeded())
        {
            var third = TimeSpan.FromTicks(_settings.GossipInterval.Ticks / 3);
            _speedup1 = _now + third;
            _speedup2 = _now + third + third;
        }
    }

    private void SpeedupTicks()
    {
        if (_speedup1 is { } first && _now >= first)
        {
            _speedup1 = null;
            if (IsGossipSpeedupNeeded())
            {
                SendGossip();
            }
        }

        if (_speedup2 is { } second && _now >= second)
        {
            _speedup2 = null;
            if (IsGossipSpeedupNeeded())
            {
                SendGossip();
            }
        }
    }

    /// <summary>Akka.NET's <c>IsGossipSpeedupNeeded</c>: a member is Down, or fewer than half the members have seen the latest version.</summary>
    private bool IsGossipSpeedupNeeded()
    {
        var gossip = _state.LatestGossip;
        return gossip.Overview.Seen.Count < gossip.Members.Count / 2 || AnyDown(gossip);
    }

    /// <summary>
    /// One gossip round (Akka's <c>SendGossip</c>): with probability <see cref="AdjustedGossipDifferentViewProbability"/>, the full gossip
    /// to a random member that has not seen this version; otherwise to a random member, as a gossip status when it has seen this
    /// version. Targets are valid members only (not self, not unreachable from here). O(1) expected per round by rejection sampling;
    /// O(n) when few members qualify.
    /// </summary>
    private void SendGossip()
    {
        if (IsSingletonCluster)
        {
            return;
        }

        var gossip = _state.LatestGossip;
        var unseen = gossip.Members.Count - gossip.Overview.Seen.Count;
        if (unseen > 0 && _random.NextDouble() < AdjustedGossipDifferentViewProbability)
        {
            var preferred = PickRandom(m => !gossip.SeenByNode(m.UniqueAddress) && _state.ValidNodeForGossip(m.UniqueAddress), unseen);
            if (preferred is not null)
            {
                GossipTo(preferred);
                return;
            }
        }

        var peer = PickRandom(m => _state.ValidNodeForGossip(m.UniqueAddress), gossip.Members.Count - 1);
        if (peer is null)
        {
            return;
        }

        if (gossip.SeenByNode(peer))
        {
            GossipStatusTo(peer);
        }
        else
        {
            GossipTo(peer);
        }
    }

    /// <summary>
    /// A uniformly random member that satisfies <paramref name="qualifies"/>, or null: tries random members first (cheap when many
    /// qualify; <paramref name="expected"/> estimates how many), then falls back to listing every qualifying member.
    /// </summary>
    private UniqueAddress? PickRandom(Func<Member, bool> qualifies, int expected)
    {
        var members = _state.LatestGossip.Members;
        if (members.Count == 0)
        {
            return null;
        }

        if (expected * 8 >= members.Count)
        {
            for (var i = 0; i < RejectionSamplingTries; i++)
            {
                var candidate = members[_random.Next(members.Count)];
                if (qualifies(candidate))
                {
                    return candidate.UniqueAddress;
                }
            }
        }

        var all = new List<UniqueAddress>();
        foreach (var m in members)
        {
            if (qualifies(m))
            {
                all.Add(m.UniqueAddress);
            }
        }

        return all.Count == 0 ? null : all[_random.Next(all.Count)];
    }

    /// <summary>
    /// Akka's <c>AdjustedGossipDifferentViewProbability</c>: the configured probability up to the reduce threshold of members, then
    /// falling linearly to a tenth of it at three times the threshold (0.8 at 400 members to 0.08 at 1,200 by default).
    /// </summary>
    private double AdjustedGossipDifferentViewProbability
    {
        get
        {
            var size = _state.LatestGossip.Members.Count;
            var low = _options.ReduceGossipDifferentViewProbability;
            var high = low * 3;
            var p = _options.GossipDifferentViewProbability;
            if (size <= low)
            {
                return p;
            }

            var minP = p / 10;
            if (size >= high)
            {
                return minP;
            }

            var k = (minP - p) / (high - low);
            return p + ((size - low) * k);
        }
    }

    private void SendGossipRandom(int n)
    {
        if (IsSingletonCluster || n <= 0)
        {
            return;
        }

        var targets = new List<UniqueAddress>();
        foreach (var m in _state.LatestGossip.Members)
        {
            if (_state.ValidNodeForGossip(m.UniqueAddress))
            {
                targets.Add(m.UniqueAddress);
            }
        }

        // A partial Fisher-Yates shuffle: the first n are a uniform sample.
        for (var i = 0; i < Math.Min(n, targets.Count); i++)
        {
            var j = i + _random.Next(targets.Count - i);
            (targets[i], targets[j]) = (targets[j], targets[i]);
            GossipTo(targets[i]);
        }
    }

    private void GossipTo(UniqueAddress node)
    {
        if (_state.ValidNodeForGossip(node))
        {
            Send(node.Address, new GossipEnvelope(Self, node, _state.LatestGossip));
        }
    }

    private void GossipStatusTo(UniqueAddress node)
    {
        if (_state.ValidNodeForGossip(node))
        {
            var gossip = _state.LatestGossip;
            Send(node.Address, new GossipStatus(Self, node, gossip.Version, gossip.Overview.Seen));
        }
    }
}
