using System.Collections.Immutable;
using AkkaCompute.Remote.FailureDetection;

namespace AkkaCompute.Cluster.Protocol;

/// <summary>
/// The heartbeat side of one node, as Akka's <c>ClusterHeartbeatSender</c> and <c>ClusterHeartbeatSenderState</c>: the ring of
/// members, the receivers this node heartbeats, one phi-accrual failure detector per receiver (keyed by unique address, so a
/// restarted node at the same address never answers for its old incarnation), and the old receivers that became unreachable and are
/// still heartbeated until they answer again. Mutable; owned by one <see cref="ClusterCore"/>. Collections are sorted so iteration
/// order never depends on hashing.
/// </summary>
internal sealed class HeartbeatSender
{
    private readonly UniqueAddress _self;
    private readonly int _monitoredByNrOfMembers;
    private readonly PhiAccrualSettings _detectorSettings;
    private readonly TimeSpan _expectedResponseAfter;
    private readonly SortedDictionary<UniqueAddress, PhiAccrualFailureDetector> _detectors = new();
    private readonly SortedDictionary<UniqueAddress, TimeSpan> _expectedFirst = new();
    private ImmutableSortedSet<UniqueAddress> _oldReceiversNowUnreachable = [];
    private HeartbeatRing _ring;
    private HashSet<UniqueAddress> _ringNodes;
    private ImmutableSortedSet<Member>? _ringMembers;
    private long _sequenceNr;

    public HeartbeatSender(UniqueAddress self, int monitoredByNrOfMembers, PhiAccrualSettings detectorSettings, TimeSpan expectedResponseAfter)
    {
        _self = self;
        _monitoredByNrOfMembers = monitoredByNrOfMembers;
        _detectorSettings = detectorSettings;
        _expectedResponseAfter = expectedResponseAfter;
        _ring = new HeartbeatRing(self, [self], [], monitoredByNrOfMembers);
        _ringNodes = [self];
        ActiveReceivers = [];
    }

    /// <summary>The ring's receivers plus the old receivers still heartbeated because they are unreachable.</summary>
    public ImmutableSortedSet<UniqueAddress> ActiveReceivers { get; private set; }

    /// <summary>The number of failure detectors held (bounded by the receivers plus the old unreachable receivers).</summary>
    public int DetectorCount => _detectors.Count;

    /// <summary>
    /// Adopts the membership of <paramref name="gossip"/> (every member, self always included) and its unreachable members, as
    /// Akka's <c>MembershipChange</c>: receivers that dropped out are forgotten if available, else kept as old unreachable receivers;
    /// members gone from the gossip are forgotten entirely. O(n log n) for n members when the membership changed; O(1) when the
    /// member set is the instance seen last.
    /// </summary>
    public void Update(Gossip gossip, TimeSpan now)
    {
        var unreachable = gossip.Overview.Reachability.IsAllReachable ? [] : gossip.Overview.Reachability.AllUnreachableOrTerminated.Remove(_self);
        if (SameNodes(gossip) && unreachable.SetEquals(_ring.Unreachable))
        {
            return;
        }

        var nodes = new List<UniqueAddress>(gossip.Members.Count + 1);
        var hasSelf = false;
        foreach (var m in gossip.Members)
        {
            nodes.Add(m.UniqueAddress);
            hasSelf |= m.UniqueAddress.Equals(_self);
        }

        if (!hasSelf)
        {
            nodes.Add(_self);
        }

        var oldReceivers = _ring.Receivers;
        _ring = new HeartbeatRing(_self, nodes, unreachable, _monitoredByNrOfMembers);
        _ringNodes = [.. nodes];
        _ringMembers = gossip.Members;
        var old = _oldReceiversNowUnreachable;
        foreach (var removed in oldReceivers.Except(_ring.Receivers))
        {
            if (!gossip.HasMember(removed) || IsAvailable(removed, now))
            {
                Forget(removed);
                old = old.Remove(removed);
            }
            else
            {
                old = old.Add(removed);
            }
        }

        // Members that left the gossip are dropped from the old receivers too.
        foreach (var node in old)
        {
            if (!gossip.HasMember(node))
            {
                Forget(node);
                old = old.Remove(node);
            }
        }

        _oldReceiversNowUnreachable = old;
        ActiveReceivers = _ring.Receivers.Union(old);
    }

    /// <summary>
    /// The heartbeats to send now (one per active receiver, each with the next sequence number), after starting the failure detector
    /// of any receiver whose first answer is overdue (Akka's <c>ExpectedFirstHeartbeat</c>).
    /// </summary>
    public IReadOnlyList<(UniqueAddress To, Heartbeat Message)> Tick(TimeSpan now)
    {
        var nowMs = ToMs(now);
        List<UniqueAddress>? overdue = null;
        foreach (var (node, due) in _expectedFirst)
        {
            if (now >= due)
            {
                (overdue ??= []).Add(node);
            }
        }

        if (overdue is not null)
        {
            foreach (var node in overdue)
            {
                _expectedFirst.Remove(node);
                if (ActiveReceivers.Contains(node) && !Detector(node).IsMonitoring)
                {
                    Detector(node).Heartbeat(nowMs);
                }
            }
        }

        var result = new List<(UniqueAddress, Heartbeat)>(ActiveReceivers.Count);
        foreach (var to in ActiveReceivers)
        {
            if (!Detector(to).IsMonitoring && !_expectedFirst.ContainsKey(to))
            {
                _expectedFirst[to] = now + _expectedResponseAfter;
            }

            result.Add((to, new Heartbeat(_self, ++_sequenceNr)));
        }

        return result;
    }

    /// <summary>An answer from <paramref name="from"/>: feeds its detector if it is an active receiver; otherwise ignored.</summary>
    public void OnResponse(UniqueAddress from, TimeSpan now)
    {
        if (!ActiveReceivers.Contains(from))
        {
            return;
        }

        Detector(from).Heartbeat(ToMs(now));
        if (_oldReceiversNowUnreachable.Contains(from))
        {
            // Back from unreachable: no need to keep heartbeating it unless the ring still wants it.
            if (!_ring.Receivers.Contains(from))
            {
                Forget(from);
                ActiveReceivers = ActiveReceivers.Remove(from);
            }

            _oldReceiversNowUnreachable = _oldReceiversNowUnreachable.Remove(from);
        }
    }

    /// <summary>
    /// Whether <paramref name="node"/> is available at <paramref name="now"/>: true when it has no detector (not monitored, as Akka's
    /// registry), else the detector's verdict.
    /// </summary>
    public bool IsAvailable(UniqueAddress node, TimeSpan now) =>
        !_detectors.TryGetValue(node, out var detector) || detector.IsAvailable(ToMs(now));

    /// <summary>The monitored nodes that have a detector, in unique-address order.</summary>
    public IEnumerable<UniqueAddress> Monitored => _detectors.Keys;

    private static long ToMs(TimeSpan now) => now.Ticks / TimeSpan.TicksPerMillisecond;

    private PhiAccrualFailureDetector Detector(UniqueAddress node)
    {
        if (!_detectors.TryGetValue(node, out var detector))
        {
            detector = new PhiAccrualFailureDetector(_detectorSettings, NoClock.Instance);
            _detectors.Add(node, detector);
        }

        return detector;
    }

    private void Forget(UniqueAddress node)
    {
        _detectors.Remove(node);
        _expectedFirst.Remove(node);
    }

    // True when the ring already holds exactly the members of the gossip plus self. O(1) when the member set is the one seen last.
    private bool SameNodes(Gossip gossip)
    {
        var members = gossip.Members;
        if (ReferenceEquals(_ringMembers, members))
        {
            return true;
        }

        var selfIsMember = gossip.HasMember(_self);
        if (_ring.Count != members.Count + (selfIsMember ? 0 : 1))
        {
            return false;
        }

        foreach (var m in members)
        {
            if (!_ringNodes.Contains(m.UniqueAddress))
            {
                return false;
            }
        }

        _ringMembers = members;
        return true;
    }
}
