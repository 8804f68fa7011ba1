namespace AkkaCompute.Client;

/// <summary>What the cluster accepted of a submission.</summary>
/// <param name="JobId">The job (workflow) id the tasks were submitted under.</param>
/// <param name="Accepted">Task ids accepted now (new, or known and run again).</param>
/// <param name="AlreadyKnown">Task ids the home already had with the same definition (succeeded or in progress: not run again).</param>
public sealed record SubmitOutcome(string JobId, IReadOnlyList<string> Accepted, IReadOnlyList<string> AlreadyKnown);
