using System.Collections.Immutable;

namespace AkkaCompute.Cluster.Protocol;

/// <content>Receiving gossips and gossip statuses (Akka's <c>ReceiveGossip</c>, <c>ReceiveGossipStatus</c>).</content>
public sealed partial class ClusterCore
{
    private void ReceiveGossip(GossipEnvelope envelope)
    {
        var from = envelope.From;
        var remote = envelope.Gossip;
        if (!envelope.To.Equals(Self) || remote.Members.IsEmpty)
        {
            Ignored();
            return;
        }

        var local = _state.LatestGossip;
        if (!remote.HasMember(Self))
        {
            // Removed while away (e.g. downed and removed on the other side of a partition, or while retrying a join): the tombstone
            // of this very incarnation says so. Stop; the host starts a new incarnation.
            if (remote.Tombstones.ContainsKey(Self) && (_phase != Phase.Initialized || local.HasMember(from)) && IsWellFormed(remote))
            {
                SendGossipRandom(MaxGossipsBeforeShuttingDownMyself);
                ShutDown();
                return;
            }

            Ignored();
            return;
        }

        if (_phase != Phase.Initialized)
        {
            Ignored();
            return;
        }

        // A sender that is not a member here. If this node removed it, the reply tells it so. Otherwise the gossip contains this very
        // incarnation, so it comes from this node's own cluster, with members this node has not heard of: use it (see remarks).
        var stranger = !local.HasMember(from);
        if (stranger && ReplyToRemovedSender(from))
        {
            Ignored();
            return;
        }

        var ordering = remote.Version.Compare(local.Version);
        if (!stranger && ordering == VectorClockOrdering.Same && local.IsReachable(Self, from))
        {
            ReceiveSameVersion(from, remote, local);
            return;
        }

        if (!IsWellFormed(remote))
        {
            return;
        }

        var oldSelfStatus = _state.SelfMember.Status;

        // GossipReceiver ignores unknown senders; for a stranger the trusted "sender" is this node itself (its membership and
        // reachability checks then pass), which applies the same merge rules to the stranger's gossip.
        var result = GossipReceiver.Receive(_state, stranger ? Self : from, remote);
        if (result.Outcome == GossipReceiveOutcome.Ignored)
        {
            Ignored();
            return;
        }

        _counters = _counters with
        {
            GossipsReceived = _counters.GossipsReceived + 1,
            GossipMerges = _counters.GossipMerges + (result.Outcome == GossipReceiveOutcome.Merged ? 1 : 0),
        };
        SetGossip(result.Gossip);
        var selfStatus = _state.SelfMember.Status;
        if (selfStatus == MemberStatus.Exiting)
        {
            ExitingCompleted();
            return;
        }

        if (selfStatus == MemberStatus.Down && oldSelfStatus != MemberStatus.Down)
        {
            ShutdownSelfWhenDown();
            if (_phase == Phase.ShutDown)
            {
                return;
            }
        }

        if (result.Talkback)
        {
            GossipTo(from);
        }
    }

    /// <summary>
    /// Akka's <c>ReceiveGossipStatus</c>, with the seen set: on the same version the sender's seen set is adopted (it is about this
    /// very version) and the full gossip goes back when this node knows of more members that have seen it; a newer remote version is
    /// asked for with a status; an older or conflicting one gets the full gossip.
    /// </summary>
    private void ReceiveGossipStatus(GossipStatus status)
    {
        var from = status.From;
        var local = _state.LatestGossip;
        if (_phase != Phase.Initialized || !status.To.Equals(Self))
        {
            Ignored();
            return;
        }

        if (!local.HasMember(from))
        {
            // A status carries no members; only a removed sender gets an answer (its tombstone).
            ReplyToRemovedSender(from);
            Ignored();
            return;
        }

        if (!local.IsReachable(Self, from))
        {
            Ignored();
            return;
        }

        switch (status.Version.Compare(local.Version))
        {
            case VectorClockOrdering.Same:
                MergeSeenFromStatus(from, status.Seen, local);
                break;
            case VectorClockOrdering.After:
                GossipStatusTo(from);
                break;
            default:
                GossipTo(from);
                break;
        }
    }

    /// <summary>
    /// Same version: adopts the members the sender knows have seen it, and sends the full gossip back when this node knows of members
    /// the sender does not. O(1) when either seen set is complete (the steady state), else O(s log n).
    /// </summary>
    private void MergeSeenFromStatus(UniqueAddress from, IReadOnlySet<UniqueAddress> theirs, Gossip local)
    {
        var seen = local.Overview.Seen;
        var memberCount = local.Members.Count;
        if (ReferenceEquals(theirs, seen) || (seen.Count >= memberCount && theirs.Count >= memberCount))
        {
            return;
        }

        var (onlyTheirs, mineHasMore) = GossipChecks.CompareSeen(seen, theirs);
        if (onlyTheirs is not null)
        {
            var merged = seen.Union(onlyTheirs.Where(local.HasMember));
            if (!ReferenceEquals(merged, seen) && merged.Count != seen.Count)
            {
                SetGossip(local.Copy(overview: local.Overview with { Seen = merged }));
            }
        }

        if (mineHasMore)
        {
            GossipTo(from);
        }
    }

    /// <summary>
    /// A gossip or status from a node this node removed (tombstoned): send it this node's gossip, whose tombstone tells it to stop (the
    /// role Akka's remote quarantine plays). Returns whether the sender was removed here. One message per message received.
    /// </summary>
    private bool ReplyToRemovedSender(UniqueAddress from)
    {
        var gossip = _state.LatestGossip;
        if (!gossip.Tombstones.ContainsKey(from))
        {
            return false;
        }

        Send(from.Address, new GossipEnvelope(Self, from, gossip));
        return true;
    }

    /// <summary>
    /// <see cref="GossipReceiver.Receive"/>'s "Same" case without rebuilding the gossip: the same version has the same contents (see
    /// <see cref="GossipReceiver"/>), so only the seen sets are united, onto the local instance, and the sender is talked back to
    /// when it had not seen this node. O(1) when this node knows everyone has seen it, else one merge walk of the seen sets.
    /// </summary>
    private void ReceiveSameVersion(UniqueAddress from, Gossip remote, Gossip local)
    {
        var seen = local.Overview.Seen;
        var winner = local;
        if (seen.Count < local.Members.Count)
        {
            var (onlyTheirs, _) = GossipChecks.CompareSeen(seen, remote.Overview.Seen);
            if (onlyTheirs is not null)
            {
                winner = local.Copy(overview: local.Overview with { Seen = seen.Union(onlyTheirs) });
                if (!GossipChecks.SeenAreMembers(winner))
                {
                    _counters = _counters with { MalformedDropped = _counters.MalformedDropped + 1 };
                    return;
                }
            }
        }

        _counters = _counters with { GossipsReceived = _counters.GossipsReceived + 1 };
        SetGossip(winner.Seen(Self));
        if (!remote.SeenByNode(Self))
        {
            GossipTo(from);
        }
    }

    private void Ignored() => _counters = _counters with { GossipsIgnored = _counters.GossipsIgnored + 1 };
}
