using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Compute.Protocol;

/// <summary>
/// From a home to another member's replica of the accepted-task set: hold these accepted tasks (or these tasks taken over by
/// a successor home); the answer is an <see cref="AcceptedHeld"/>. A home acknowledges a batch once a majority of the members
/// (itself included) hold it. At most <see cref="MaxEntries"/> entries.
/// </summary>
/// <param name="Entries">The entries, each under its <see cref="AcceptedTask.Key"/>.</param>
/// <param name="Claim">True at acceptance: the home claims the chains of the recurring occurrences among the entries, and the
/// replica does not hold an occurrence of a chain it holds from another home (<see cref="ChainClaims"/>); false (default) for a
/// successor's takeover, which holds every entry.</param>
/// <param name="Owners">Task id to the address of the member that owns it, for the entries whose owner starts them as soon as
/// its replica holds them (the home's <c>RunTasks</c> would arrive a network hop later): tasks ready on acceptance in a batch
/// for which the owner's copy completes the majority. Null (default) or missing ids: the home places those tasks after the
/// majority, as usual.</param>
public sealed record ReplicateAccepted(IReadOnlyList<AcceptedTask> Entries, bool Claim = false, IReadOnlyDictionary<string, string>? Owners = null)
{
    /// <summary>The most entries one message carries (a home splits larger batches): 1,000.</summary>
    public const int MaxEntries = 1_000;
}

/// <summary>A replica's answer to <see cref="ReplicateAccepted"/>: it holds that many entries now.</summary>
/// <param name="Count">The entries of the request it holds.</param>
/// <param name="Conflicts">The chains whose occurrences it did not hold because another home holds them (<see cref="ChainClaims"/>);
/// null or empty when it held every entry.</param>
public sealed record AcceptedHeld(int Count, IReadOnlyList<ChainConflict>? Conflicts = null);

/// <summary>From a home to the replicas: these tasks finished (entries with their results); no answer. Best effort.</summary>
/// <param name="Entries">The updated entries (result and finish time set; a large result left out).</param>
public sealed record ReplicateFinished(IReadOnlyList<AcceptedTask> Entries);

/// <summary>From a home to the replicas: forget these entries (finished longer than the retention time ago); no answer.</summary>
/// <param name="Keys">Entry keys (<see cref="AcceptedTask.Key"/>).</param>
public sealed record ForgetAccepted(IReadOnlyList<string> Keys);

/// <summary>
/// From a successor home to the replicas: which entries do you hold whose current home is one of <paramref name="Homes"/>?
/// The answer is one or more <see cref="AcceptedOf"/> messages, the last with <c>Last = true</c>.
/// </summary>
/// <param name="Homes">Addresses of removed members.</param>
/// <param name="Round">The successor's takeover round, echoed in the answers.</param>
public sealed record GetAcceptedOf(IReadOnlyList<string> Homes, long Round);

/// <summary>A replica's answer to <see cref="GetAcceptedOf"/>, in chunks of at most <see cref="ReplicateAccepted.MaxEntries"/> entries.</summary>
/// <param name="Entries">Entries of the removed homes this replica holds.</param>
/// <param name="Round">The round of the request.</param>
/// <param name="Last">True on the replica's last chunk for this round.</param>
public sealed record AcceptedOf(IReadOnlyList<AcceptedTask> Entries, long Round, bool Last);
