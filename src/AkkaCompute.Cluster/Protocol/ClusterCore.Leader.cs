using System.Collections.Immutable;
using AkkaCompute.Actors;

namespace AkkaCompute.Cluster.Protocol;

/// <content>The leader's duties, leaving and exiting (Akka's <c>LeaderActions</c>, <c>Leaving</c>, <c>ExitingCompleted</c>).</content>
public sealed partial class ClusterCore
{
    private void LeaderActionsTick()
    {
        if (IsSelfLeader())
        {
            RunLeaderActions();
        }

        CleanupExitingConfirmed();
        ShutdownSelfWhenDown();
    }

    private bool IsSelfLeader() => ClusterLeadership.IsLeader(_state.LatestGossip, Self);

    /// <summary>
    /// Runs the leader actions at once, rather than at the next leader tick, when this node leads, a member is Down and the gossip
    /// just received made the view converge: the downed members are removed as soon as every reachable member has seen them Down
    /// (up to <see cref="ClusterSettings.LeaderActionsInterval"/> sooner than Akka). Equivalent to a leader tick falling at this
    /// moment; the count of ticks without convergence (for WeaklyUp) is untouched, as it restarts on convergence anyway. O(n) per
    /// gossip received while a member is Down, O(1) otherwise.
    /// </summary>
    private void LeaderActionsOnDownConvergence()
    {
        var gossip = _state.LatestGossip;
        if (_phase != Phase.Initialized || !AnyDown(gossip) || !IsSelfLeader() ||
            !ClusterLeadership.LeaderView(gossip).Convergence(Self, _exitingConfirmed))
        {
            return;
        }

        RunLeaderActions();
    }

    /// <summary>
    /// Akka's <c>LeaderActions</c>: on convergence the full leader actions; otherwise, once convergence has been lacking for
    /// weakly-up-after (counted in leader ticks, as Akka), reachable Joining members move to WeaklyUp.
    /// </summary>
    private void RunLeaderActions()
    {
        var options = new LeaderActionsOptions
        {
            MoveJoiningToWeaklyUp = LeaderActions.ShouldMoveJoiningToWeaklyUp(_settings, (_leaderActionCounter + 1) * _settings.LeaderActionsInterval),
            ExitingConfirmed = _exitingConfirmed,
            MinNrOfMembers = _settings.MinNrOfMembers,
            Now = WallNow,
            PruneGossipTombstonesAfter = _settings.PruneGossipTombstonesAfter,
        };
        // Leadership and convergence on one reachability (see ClusterLeadership); the table itself is kept, minus removed members.
        var before = _state.LatestGossip;
        var view = ClusterLeadership.LeaderView(before);
        var state = ReferenceEquals(view, before) ? _state : new MembershipState(view, Self);
        var result = _options.LeaderActions is { } custom ? custom(state, options) : LeaderActions.Compute(state, options);
        _leaderActionCounter = result.Converged ? 0 : _leaderActionCounter + 1;
        if (!result.Changed)
        {
            return;
        }

        var changed = result.Gossip;
        if (!ReferenceEquals(view, before))
        {
            var removed = before.Members.Where(m => !changed.HasMember(m.UniqueAddress)).Select(m => m.UniqueAddress).ToList();
            changed = changed.Copy(overview: changed.Overview with { Reachability = before.Overview.Reachability.Remove(removed) });
        }

        SetGossip(changed);
        _exitingConfirmed = _exitingConfirmed.Where(n => result.Gossip.HasMember(n)).ToImmutableSortedSet();
        var exiting = new List<Member>();
        foreach (var m in result.Gossip.Members)
        {
            if (m.Status == MemberStatus.Exiting && before.TryGetMember(m.UniqueAddress, out var old) && old.Status != MemberStatus.Exiting)
            {
                exiting.Add(m);
            }
        }

        GossipExitingMembersToOldest(exiting);
        if (_state.SelfMember.Status == MemberStatus.Exiting)
        {
            // The leader moved itself from Leaving to Exiting.
            ExitingCompleted();
        }
    }

    /// <summary>Akka's <c>GossipExitingMembersToOldest</c>: the Exiting change goes at once to the two oldest members (and per role).</summary>
    private void GossipExitingMembersToOldest(List<Member> exiting)
    {
        if (exiting.Count == 0)
        {
            return;
        }

        var byAge = _state.LatestGossip.Members.Where(m => !m.UniqueAddress.Equals(Self)).OrderBy(m => m, Member.AgeOrdering).ToList();
        var targets = new SortedSet<UniqueAddress>(byAge.Take(2).Select(m => m.UniqueAddress));
        foreach (var role in exiting.SelectMany(m => m.Roles).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            targets.UnionWith(byAge.Where(m => m.HasRole(role)).Take(2).Select(m => m.UniqueAddress));
        }

        foreach (var target in targets)
        {
            GossipTo(target);
        }
    }

    /// <summary>Akka's <c>Leaving</c>: marks a Joining, WeaklyUp or Up member Leaving and gossips at once.</summary>
    private void Leaving(Address address)
    {
        var gossip = _state.LatestGossip;
        var member = MemberAt(gossip, address);
        if (member is null || member.Status is not (MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up))
        {
            return;
        }

        UpdateLatestGossip(gossip.UpdateMember(member.Copy(MemberStatus.Leaving)));
        SendGossip();
    }

    private void ReceiveExitingConfirmed(UniqueAddress node)
    {
        if (_state.LatestGossip.TryGetMember(node, out var m) && m.Status == MemberStatus.Exiting)
        {
            _exitingConfirmed = _exitingConfirmed.Add(node);
        }
    }

    private void CleanupExitingConfirmed()
    {
        if (!_exitingConfirmed.IsEmpty)
        {
            _exitingConfirmed = _exitingConfirmed.Where(n => _state.LatestGossip.HasMember(n)).ToImmutableSortedSet();
        }
    }

    /// <summary>
    /// Akka's <c>ExitingCompleted</c> (there are no exiting tasks to wait for here): mark the gossip seen, gossip to five random
    /// members, confirm to the two next leaders, stop.
    /// </summary>
    private void ExitingCompleted()
    {
        SetGossip(_state.LatestGossip.Seen(Self));
        SendGossipRandom(NumberOfGossipsBeforeShutdownWhenLeaderExits);
        var gossip = ClusterLeadership.LeaderView(_state.LatestGossip);
        var others = gossip.Members.Where(m => !m.UniqueAddress.Equals(Self)).ToList();
        var leader = gossip.LeaderOf(others, Self);
        if (leader is not null)
        {
            Send(leader.Address, new ExitingConfirmed(Self));
            var second = gossip.LeaderOf(others.Where(m => !m.UniqueAddress.Equals(leader)), Self);
            if (second is not null)
            {
                Send(second.Address, new ExitingConfirmed(Self));
            }
        }

        ShutDown();
    }
}
