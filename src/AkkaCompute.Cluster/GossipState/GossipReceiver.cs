namespace AkkaCompute.Cluster;

/// <summary>
/// What a node does with a gossip it receives, as a pure function: Akka's <c>ClusterCoreDaemon.ReceiveGossip</c> without the actor.
/// </summary>
public static class GossipReceiver
{
    /// <summary>
    /// Handles <paramref name="remote"/> from <paramref name="from"/> at the node of <paramref name="state"/>:
    /// <list type="bullet">
    /// <item>ignored when the sender is not a member, the receiver records it unreachable, or the gossip does not contain the receiver;</item>
    /// <item>same version: the seen sets are united; older: the local gossip stays and the sender is talked back to; newer: the remote
    /// gossip is adopted; concurrent: both are merged (<see cref="Gossip.Merge(Gossip)"/>);</item>
    /// <item>the result is marked seen by the receiver, unless <paramref name="exitingTasksInProgress"/> (Akka delays that so the member
    /// is not removed before its exiting tasks finish).</item>
    /// </list>
    /// Deviation from Akka: when the merge pruned a tombstoned node's clock entry that an input still had, the receiver also stamps
    /// the merged gossip with its own clock entry, so that no two nodes hold the same version with different contents.
    /// </summary>
    /// <param name="state">The receiver's view.</param>
    /// <param name="from">The sender.</param>
    /// <param name="remote">The received gossip.</param>
    /// <param name="exitingTasksInProgress">Whether the receiver is Exiting and still running its exiting tasks.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static GossipReceiveResult Receive(MembershipState state, UniqueAddress from, Gossip remote, bool exitingTasksInProgress = false)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(remote);
        var local = state.LatestGossip;
        var self = state.SelfUniqueAddress;
        if (!local.HasMember(from))
        {
            return Ignored(local, $"gossip from unknown {from}");
        }

        if (!local.IsReachable(self, from))
        {
            return Ignored(local, $"gossip from unreachable {from}");
        }

        if (!remote.HasMember(self))
        {
            return Ignored(local, $"gossip from {from} that does not contain {self}");
        }

        Gossip winner;
        bool talkback;
        GossipReceiveOutcome outcome;
        switch (remote.Version.Compare(local.Version))
        {
            case VectorClockOrdering.Same:
                winner = remote.MergeSeen(local);
                talkback = !exitingTasksInProgress && !remote.SeenByNode(self);
                outcome = GossipReceiveOutcome.Same;
                break;
            case VectorClockOrdering.Before:
                winner = local;
                talkback = true;
                outcome = GossipReceiveOutcome.Older;
                break;
            case VectorClockOrdering.After:
                winner = remote;
                talkback = !exitingTasksInProgress && !remote.SeenByNode(self);
                outcome = GossipReceiveOutcome.Newer;
                break;
            default:
                winner = remote.Merge(local, out var pruned);
                if (pruned && winner.HasMember(self))
                {
                    winner = winner.Increment(VectorClockNode.For(self));
                }

                talkback = true;
                outcome = GossipReceiveOutcome.Merged;
                break;
        }

        if (!exitingTasksInProgress && winner.HasMember(self))
        {
            winner = winner.Seen(self);
        }

        return new GossipReceiveResult(winner, outcome, talkback);
    }

    private static GossipReceiveResult Ignored(Gossip local, string reason) =>
        new(local, GossipReceiveOutcome.Ignored, false, reason);
}
