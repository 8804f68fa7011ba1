namespace AkkaCompute.Compute.Distributed;

/// <summary>
/// Who becomes the home of a removed member's accepted tasks: the remaining member nearest in Hamming distance to the
/// placement point of the removed member's address (the same rendezvous rule as <see cref="Ownership"/>, with the removed
/// address as the "task" and no stamped head, roles ignored: any member can be a home). All of a home's tasks go to one
/// successor, so a workflow graph stays whole. Every node with the same membership view derives the same successor; a
/// node that later sees another view (the successor was removed too) derives the next one, so takeover chains through
/// removals.
/// </summary>
public static class HomeSuccession
{
    /// <summary>The successor's address among <paramref name="members"/>, or null when there are none.</summary>
    /// <param name="removedHome">The removed member's address, <c>akka.tcp://system@host:port</c>.</param>
    /// <param name="members">The remaining members (the caller's view; the removed one is skipped if still present).</param>
    public static string? SuccessorOf(string removedHome, IEnumerable<ClusterMember> members)
    {
        var placement = TaskPlacement.For(removedHome, "", "");
        return Ownership.OwnerOf(placement, members.Where(m => !string.Equals(m.Address, removedHome, StringComparison.Ordinal))
            .Select(m => m.Roles.Count == 0 ? m : new ClusterMember(m.Address)));
    }
}
