namespace AkkaCompute.Compute.Distributed;

/// <summary>A task as the hand-off rules see it: its id, its placement and the member that owns it now.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="Placement">Its stamped head, hash and required roles.</param>
/// <param name="Owner">The owner's address (chosen at acceptance, or by an earlier hand-off or steal).</param>
public sealed record OwnedTask(string TaskId, TaskPlacement Placement, string Owner);

/// <summary>A task that moves because its owner left the membership.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="From">The removed owner.</param>
/// <param name="To">The new owner; null when no remaining member has the task's roles (the task waits for one to join).</param>
public sealed record HandOffDecision(string TaskId, string From, string? To);

/// <summary>
/// Hand-off (DESIGN.md, "Hand-off"): when a member is removed (downed by the split-brain resolver, or left), the
/// unfinished tasks it owned are re-scored over the remaining members and run by their new owners. A member that is only
/// unreachable is still in the view (it is not removed until downed), so its tasks wait for the resolver's decision and
/// no task is owned by two live sides. Joins move nothing: a task keeps its owner until that owner is removed or the task
/// is stolen, so re-scoring depends only on the membership at the time of removal, which every node sees the same once
/// gossip converges.
/// </summary>
public static class HandOff
{
    /// <summary>The decisions for every task in <paramref name="unfinished"/> whose owner is not in <paramref name="members"/>.</summary>
    /// <param name="unfinished">Tasks not yet finished, with their current owners.</param>
    /// <param name="members">The membership after the removal: Up members, including unreachable ones not yet downed.</param>
    /// <returns>One decision per orphaned task, in input order; empty when every owner is still a member.</returns>
    public static IReadOnlyList<HandOffDecision> Reassign(IEnumerable<OwnedTask> unfinished, IReadOnlyCollection<ClusterMember> members)
    {
        var present = members.Select(m => m.Address).ToHashSet(StringComparer.Ordinal);
        var decisions = new List<HandOffDecision>();
        foreach (var task in unfinished)
        {
            if (!present.Contains(task.Owner))
            {
                decisions.Add(new HandOffDecision(task.TaskId, task.Owner, Ownership.OwnerOf(task.Placement, members)));
            }
        }

        return decisions;
    }
}
