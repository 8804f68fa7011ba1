namespace AkkaCompute.Cluster;

/// <summary>
/// One observation in a <see cref="Reachability"/> table: <paramref name="Observer"/> sees <paramref name="Subject"/> as
/// <paramref name="Status"/>, stamped with the observer's table version at the time.
/// </summary>
/// <param name="Observer">The node whose failure detector made the observation.</param>
/// <param name="Subject">The observed node.</param>
/// <param name="Status">The observed status.</param>
/// <param name="Version">The observer's version counter when it made this observation (1, 2, ...); later observations by the same observer have higher versions.</param>
public sealed record ReachabilityRecord(UniqueAddress Observer, UniqueAddress Subject, ReachabilityStatus Status, long Version);
