namespace AkkaCompute.Node.Peer;

/// <summary>Which member a home first places an accepted task on (<c>akc.cluster.placement</c>).</summary>
public enum PlacementMode
{
    /// <summary>
    /// The member nearest in Hamming distance to SHA-256(stamped clock head + ":" + task hash) among those with the task's
    /// roles (DESIGN.md, "Ownership"): tasks spread over the members on average. The default.
    /// </summary>
    Hamming,

    /// <summary>
    /// The home itself when it has the task's roles (else as <see cref="Hamming"/>): tasks run where they were submitted,
    /// and idle members take queued ones by work stealing, as a work-stealing scheduler does (Blumofe and Leiserson,
    /// "Scheduling multithreaded computations by work stealing", 1999). Retries and hand-offs still use Hamming distance.
    /// </summary>
    Home,
}
