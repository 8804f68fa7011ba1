namespace AkkaCompute.Simulation;

/// <summary>One applied fault, as kept in <see cref="Simulation{TMessage}.FaultLog"/>.</summary>
/// <param name="Step">The step number when it was applied (the step in progress, or the last completed step for faults applied between steps).</param>
/// <param name="Time">The virtual time when it was applied.</param>
/// <param name="Kind">The fault.</param>
/// <param name="IsRandom">True if the random fault schedule applied it; false if a script (API call) did.</param>
/// <param name="Description">A short human-readable description, e.g. <c>crash n3</c> or <c>partition {n0,n2}|{n1,n3}</c> (at most 8 ids shown per group).</param>
public sealed record FaultRecord(long Step, TimeSpan Time, FaultKind Kind, bool IsRandom, string Description);
