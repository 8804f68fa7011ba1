namespace AkkaCompute.Compute.Distributed;

/// <summary>
/// Who owns a task (DESIGN.md, "Ownership"): among the members that have the task's required roles, the one whose
/// <see cref="TaskHash.MemberPoint"/> is nearest in Hamming distance to the task's
/// <see cref="TaskHash.PlacementPoint"/>; ties go to the ordinally smaller address. A pure function of the stamped head,
/// the task hash and the member set: every node with the same membership view computes the same owner, whatever its
/// clock has done since the task was stamped. The scheme is rendezvous hashing (Thaler and Ravishankar 1996) with the
/// Hamming metric of Kademlia-style XOR routing (Maymounkov and Mazieres 2002).
/// </summary>
public static class Ownership
{
    /// <summary>The owner's address, or null when no member has the required roles.</summary>
    /// <param name="placement">The task's stamped head and hash.</param>
    /// <param name="members">The candidate members (see <see cref="ClusterMember"/> for which ones count).</param>
    public static string? OwnerOf(TaskPlacement placement, IEnumerable<ClusterMember> members)
    {
        // One pass (this runs for every task a home dispatches); the same order as Rank's first element.
        var point = placement.Point;
        ClusterMember? best = null;
        var bestDistance = int.MaxValue;
        foreach (var member in members)
        {
            if (!member.HasRoles(placement.Requires))
            {
                continue;
            }

            var distance = TaskHash.Hamming(member.Point, point);
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(member.Address, best!.Address) < 0))
            {
                (best, bestDistance) = (member, distance);
            }
        }

        return best?.Address;
    }

    /// <summary>
    /// The members with the task's required roles, nearest first (distance, then address): the first is the owner, the
    /// second its successor (who owns the task once the first is removed), and so on.
    /// </summary>
    public static IReadOnlyList<ClusterMember> Rank(TaskPlacement placement, IEnumerable<ClusterMember> members)
    {
        var point = placement.Point;
        return members
            .Where(m => m.HasRoles(placement.Requires))
            .Select(m => (Member: m, Distance: TaskHash.Hamming(m.Point, point)))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Member.Address, StringComparer.Ordinal)
            .Select(x => x.Member)
            .ToList();
    }

    /// <summary>The nearest member other than <paramref name="excluded"/> (a retry prefers another node), or the owner when no other member qualifies.</summary>
    public static string? OwnerAvoiding(TaskPlacement placement, IEnumerable<ClusterMember> members, string excluded)
    {
        var ranked = Rank(placement, members);
        return (ranked.FirstOrDefault(m => !string.Equals(m.Address, excluded, StringComparison.Ordinal)) ?? ranked.FirstOrDefault())?.Address;
    }
}
