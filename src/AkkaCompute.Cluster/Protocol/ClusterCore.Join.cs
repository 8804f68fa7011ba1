using System.Collections.Immutable;
using AkkaCompute.Actors;
using AkkaCompute.Cluster.Sbr;

namespace AkkaCompute.Cluster.Protocol;

/// <content>Joining: the seed-node processes, Join and Welcome, InitJoin answers (Akka's <c>ClusterCoreDaemon</c> join states).</content>
public sealed partial class ClusterCore
{
    // Gossip instances already found well-formed (immutable, so once is enough): a gossip object handed to many nodes, as in the
    // simulator, is checked once. Entries die with their gossips.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Gossip, object> WellFormed = new();
    private static readonly object WellFormedMark = new();

    private SeedNodeProcess? _seedProcess;
    private Address? _joinWith;
    private TimeSpan _joinDeadline;

    private void JoinSeedNodes()
    {
        var seeds = _settings.SeedNodes;
        _seedProcess = null;
        if (seeds.Length == 1 && seeds[0].Equals(Self.Address))
        {
            JoinTo(Self.Address);
            return;
        }

        _seedProcess = new SeedNodeProcess(Self.Address, seeds, _now, _options.SeedNodeTimeout, _options.FirstSeedNodeJoinsSelfAfterTimeout);
        TickSeedProcess();
    }

    private void TickSeedProcess()
    {
        if (_seedProcess is null)
        {
            return;
        }

        switch (_seedProcess.Tick(_now))
        {
            case SeedStep.SendInitJoin:
                foreach (var seed in _seedProcess.OtherSeeds)
                {
                    Send(seed, new InitJoin(Self));
                }

                break;
            case SeedStep.JoinSelf:
                JoinTo(Self.Address);
                break;
        }
    }

    private void TickTryingToJoin()
    {
        if (_now < _joinDeadline)
        {
            return;
        }

        // Join attempt failed (no Welcome): try again, through the seeds when there are any.
        var joinWith = _joinWith!;
        BecomeUninitialized();
        if (!_settings.SeedNodes.IsEmpty)
        {
            JoinSeedNodes();
        }
        else
        {
            JoinTo(joinWith);
        }
    }

    private void BecomeUninitialized()
    {
        _phase = Phase.Uninitialized;
        _seedProcess = null;
        _joinWith = null;
    }

    private void BecomeInitialized()
    {
        _phase = Phase.Initialized;
        _seedProcess = null;
        _joinWith = null;
        _nextGossip = _now + _settings.GossipInterval;
        _nextHeartbeat = _now + _settings.HeartbeatInterval;
        _nextReap = _now + _settings.UnreachableNodesReaperInterval;
        _nextLeaderActions = _now + _settings.LeaderActionsInterval;
        _nextSbr = _now + TickInterval;
        _sbr = SbrTimer.Start(_now, _settings.SplitBrainResolver);
    }

    /// <summary>Akka's <c>Join(address)</c>: join through <paramref name="address"/>, or form a new cluster when it is this node.</summary>
    private void JoinTo(Address address)
    {
        if (address.Protocol != Self.Address.Protocol || address.System != Self.Address.System)
        {
            return;
        }

        _seedProcess = null;
        if (address.Equals(Self.Address))
        {
            BecomeInitialized();
            Joining(Self, _roles);
            return;
        }

        _phase = Phase.TryingToJoin;
        _joinWith = address;
        _joinDeadline = _now + _settings.RetryUnsuccessfulJoinAfter;
        _counters = _counters with { JoinAttempts = _counters.JoinAttempts + 1 };
        Send(address, new Join(Self, _roles));
    }

    private void ReceiveInitJoin(UniqueAddress from)
    {
        // Akka: an uninitialized node, or a member that is Down or Exiting, must not be joined through.
        var usable = _phase == Phase.Initialized &&
            _state.SelfMember.Status is not (MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Removed);
        Send(from.Address, usable ? new InitJoinAck(Self) : new InitJoinNack(Self));
    }

    private void ReceiveInitJoinAck(UniqueAddress from)
    {
        if (_phase == Phase.Uninitialized && _seedProcess is not null)
        {
            // The first acknowledgement wins; later ones find no seed process.
            JoinTo(from.Address);
        }
    }

    private void ReceiveInitJoinNack(UniqueAddress from)
    {
        if (_phase == Phase.Uninitialized && _seedProcess is not null && _seedProcess.OnNack(from.Address, _now))
        {
            JoinTo(Self.Address);
        }
    }

    /// <summary>
    /// Akka's <c>Joining</c>: a node asks to join (or this node joins itself). A node already a member gets its Welcome again; a new
    /// incarnation at the address of a member makes the old one terminated and Down (the new one retries later and gets in once the
    /// old one is removed); a new node is added as Joining and welcomed.
    /// </summary>
    private void Joining(UniqueAddress node, IReadOnlySet<string> roles)
    {
        if (node.Address.Protocol != Self.Address.Protocol || node.Address.System != Self.Address.System)
        {
            return;
        }

        var gossip = _state.LatestGossip;
        if (_state.SelfMember.Status is MemberStatus.Down or MemberStatus.Exiting)
        {
            return;
        }

        if (gossip.Tombstones.ContainsKey(node))
        {
            // This incarnation was removed (it never heard): it may not come back. The gossip with its tombstone tells it to stop.
            Send(node.Address, new GossipEnvelope(Self, node, gossip));
            return;
        }

        var existing = MemberAt(gossip, node.Address);
        if (existing is not null && existing.UniqueAddress.Equals(node))
        {
            // A retried join, probably after a lost Welcome.
            if (!node.Equals(Self))
            {
                Send(node.Address, new Welcome(Self, gossip));
            }

            return;
        }

        if (existing is not null)
        {
            if (existing.Status != MemberStatus.Down)
            {
                // The old incarnation is certainly gone: mark it terminated here and down it; the leader removes it.
                var terminated = gossip.Copy(overview: gossip.Overview with
                {
                    Reachability = gossip.Overview.Reachability.Terminated(Self, existing.UniqueAddress),
                });
                UpdateLatestGossip(terminated);
                DowningMember(existing.UniqueAddress);
            }

            return;
        }

        if (gossip.Members.Count >= _options.MembersMax)
        {
            return;
        }

        Member joining;
        try
        {
            joining = Member.Create(node, MemberStatus.Joining, roles);
        }
        catch (ArgumentException)
        {
            _counters = _counters with { MalformedDropped = _counters.MalformedDropped + 1 };
            return;
        }

        var members = gossip.Members.Add(joining);
        if (!gossip.HasMember(Self))
        {
            members = members.Add(Member.Create(Self, MemberStatus.Joining, _roles));
        }

        var wasEmpty = gossip.Members.IsEmpty;
        UpdateLatestGossip(gossip.Copy(members: members));
        if (node.Equals(Self))
        {
            if (wasEmpty)
            {
                // As Akka: a new cluster's first member becomes Up at once (deterministic oldest).
                RunLeaderActions();
            }
        }
        else
        {
            Send(node.Address, new Welcome(Self, _state.LatestGossip));
        }
    }

    private void ReceiveWelcome(UniqueAddress from, Gossip gossip)
    {
        if (_phase != Phase.TryingToJoin || !from.Address.Equals(_joinWith) || !gossip.HasMember(Self) || !IsWellFormed(gossip))
        {
            return;
        }

        SetGossip(gossip.Seen(Self));
        BecomeInitialized();
        if (!from.Equals(Self))
        {
            GossipTo(from);
        }
    }

    private static Member? MemberAt(Gossip gossip, Address address)
    {
        // Members are ordered by address, then uid: the first member at or after (address, min uid) is the one, if any. O(log n).
        var members = gossip.Members;
        var i = members.IndexOf(Member.Probe(new UniqueAddress(address, long.MinValue)));
        if (i < 0)
        {
            i = ~i;
        }

        return i < members.Count && members[i].Address.Equals(address) ? members[i] : null;
    }

    private bool IsWellFormed(Gossip gossip)
    {
        if (WellFormed.TryGetValue(gossip, out _))
        {
            return true;
        }

        if (GossipChecks.IsWellFormed(gossip))
        {
            WellFormed.AddOrUpdate(gossip, WellFormedMark);
            return true;
        }

        _counters = _counters with { MalformedDropped = _counters.MalformedDropped + 1 };
        return false;
    }
}
