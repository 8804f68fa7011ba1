namespace AkkaCompute.Cluster;

/// <summary>
/// A membership invariant does not hold (see <see cref="MembershipInvariants"/>). This is a bug in the membership logic or in
/// whoever built the gossip, never an expected runtime condition: a simulator stops and reports its seed.
/// </summary>
public sealed class InvariantViolationException : Exception
{
    /// <summary>Creates the exception; the message is <c>invariant 'name' violated: detail</c>.</summary>
    /// <param name="invariant">The invariant's short name, e.g. <c>status-monotonic</c>.</param>
    /// <param name="detail">What was found, naming the nodes, statuses or clock entries involved.</param>
    public InvariantViolationException(string invariant, string detail)
        : base($"invariant '{invariant}' violated: {detail}")
    {
        Invariant = invariant;
        Detail = detail;
    }

    /// <summary>The invariant's short name (one of the <c>MembershipInvariants</c> constants).</summary>
    public string Invariant { get; }

    /// <summary>What was found.</summary>
    public string Detail { get; }
}
