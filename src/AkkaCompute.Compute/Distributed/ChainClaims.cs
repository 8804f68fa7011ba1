namespace AkkaCompute.Compute.Distributed;

/// <summary>
/// A replica's objection to a recurring task's occurrence: the chain <paramref name="Chain"/> already has an unfinished
/// occurrence whose home is <paramref name="Home"/>, another member, so this replica did not hold the incoming one.
/// </summary>
/// <param name="Chain">The recurring task's id (<c>TaskSpec.RecurrenceOf</c>).</param>
/// <param name="Home">The address of the member that holds the chain (<c>akka.tcp://system@host:port</c>).</param>
public sealed record ChainConflict(string Chain, string Home);

/// <summary>How a home's claim on a recurring chain ended (see <see cref="ChainClaims.Decide"/>).</summary>
public enum ChainVerdict
{
    /// <summary>Not decided yet: more answers may decide it.</summary>
    Pending,

    /// <summary>A majority of the replicas held the occurrence: the chain is this home's.</summary>
    Claimed,

    /// <summary>A majority of the replicas named one other home as the chain's: the submission is already known there.</summary>
    HeldElsewhere,

    /// <summary>No home can reach a majority any more (two homes claimed the chain at once and split the votes): retry.</summary>
    Split,
}

/// <summary>
/// The cluster-wide claim on a recurring chain, so that a chain submitted to two members runs once, not once per member
/// (issue 15: recurring tasks fire once per occurrence cluster-wide). It is a quorum lock over the accepted-task replicas
/// (DESIGN.md, "Hand-off"): every member's replica, the claiming home's own included, is a voter; a replica holds a chain's
/// occurrence unless it already holds an unfinished occurrence of the same chain from another home (then it answers a
/// <see cref="ChainConflict"/>), so it votes for at most one home per chain at a time. A home keeps the chain only with the
/// votes of a majority of the members; two majorities intersect, so two homes never both keep it (Gifford, "Weighted Voting
/// for Replicated Data", SOSP 1979). Pure: the replicas and the home call it with what they hold and what they were answered.
/// </summary>
public static class ChainClaims
{
    /// <summary>
    /// The objections of a replica that holds <paramref name="held"/> to the incoming entries <paramref name="incoming"/>:
    /// one per unfinished incoming occurrence of a chain of which <paramref name="held"/> has an unfinished occurrence under
    /// another key with another home. Entries that are not occurrences (<c>RecurrenceOf</c> null) or are finished never conflict.
    /// </summary>
    /// <param name="held">The replica's unfinished occurrences, by chain id (any number per chain).</param>
    /// <param name="incoming">The entries a home asks the replica to hold.</param>
    /// <returns>The conflicts, at most one per chain, in the order of <paramref name="incoming"/>.</returns>
    public static IReadOnlyList<ChainConflict> Conflicts(IReadOnlyDictionary<string, List<AcceptedTask>> held, IEnumerable<AcceptedTask> incoming)
    {
        List<ChainConflict>? conflicts = null;
        foreach (var entry in incoming)
        {
            if (entry.Spec.RecurrenceOf is not { } chain || entry.Result is not null || !held.TryGetValue(chain, out var occurrences))
            {
                continue;
            }

            foreach (var other in occurrences)
            {
                if (other.Key != entry.Key && !string.Equals(other.Home, entry.Home, StringComparison.Ordinal))
                {
                    if (conflicts?.Exists(c => c.Chain == chain) != true)
                    {
                        (conflicts ??= []).Add(new ChainConflict(chain, other.Home));
                    }

                    break;
                }
            }
        }

        return conflicts ?? (IReadOnlyList<ChainConflict>)[];
    }

    /// <summary>
    /// Decides the claim on <paramref name="chain"/> from the replicas' answers so far.
    /// </summary>
    /// <param name="chain">The recurring task's id.</param>
    /// <param name="voters">How many replicas were asked (every member's, the home's own included), at least 1.</param>
    /// <param name="answers">The conflicts each replica that answered reported (an empty list is a vote for this home).</param>
    /// <returns>The verdict and, for <see cref="ChainVerdict.HeldElsewhere"/>, the home that holds the chain.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="voters"/> is less than 1 or less than the answers.</exception>
    public static (ChainVerdict Verdict, string? Home) Decide(string chain, int voters, IReadOnlyList<IReadOnlyList<ChainConflict>> answers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(voters, Math.Max(1, answers.Count));
        var majority = voters / 2 + 1;
        var grants = 0;
        var named = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            var conflict = answer.FirstOrDefault(c => c.Chain == chain);
            if (conflict is null)
            {
                grants++;
            }
            else
            {
                named[conflict.Home] = named.GetValueOrDefault(conflict.Home) + 1;
            }
        }

        if (grants >= majority)
        {
            return (ChainVerdict.Claimed, null);
        }

        string? home = null;
        var votes = 0;
        foreach (var (candidate, count) in named)
        {
            if (count > votes)
            {
                (home, votes) = (candidate, count);
            }
        }

        if (votes >= majority)
        {
            return (ChainVerdict.HeldElsewhere, home);
        }

        var unanswered = voters - answers.Count;
        return grants + unanswered < majority && votes + unanswered < majority ? (ChainVerdict.Split, null) : (ChainVerdict.Pending, null);
    }
}
