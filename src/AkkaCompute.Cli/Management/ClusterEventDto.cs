namespace AkkaCompute.Cli.Management;

/// <summary>One membership or reachability event in the feed of <c>GET /cluster/events</c> (one JSON object per line).</summary>
/// <param name="Time">When the serving node saw it, ISO 8601 UTC.</param>
/// <param name="Kind"><c>member</c> (a status change), <c>unreachable</c>, <c>reachable</c> or <c>leader</c>.</param>
/// <param name="Address">The member's address (for <c>leader</c>: the new leader, or null when there is none).</param>
/// <param name="Status">For <c>member</c>: the new status (Joining, WeaklyUp, Up, Leaving, Exiting, Down, Removed); else null.</param>
/// <param name="Previous">For a member Removed: the status it had before (Exiting after a leave, Down after a down); else null.</param>
internal sealed record ClusterEventDto(string Time, string Kind, string? Address, string? Status, string? Previous)
{
    /// <summary>The line <c>akc cluster tail</c> prints: <c>member Up ADDR</c>, <c>member Removed ADDR (was Exiting)</c>, <c>unreachable ADDR</c>, <c>leader ADDR</c>.</summary>
    public string ToLine() => Kind switch
    {
        "member" when Previous is not null => $"{Time} member {Status} {Address} (was {Previous})",
        "member" => $"{Time} member {Status} {Address}",
        "leader" => $"{Time} leader {Address ?? "none"}",
        _ => $"{Time} {Kind} {Address}",
    };
}
