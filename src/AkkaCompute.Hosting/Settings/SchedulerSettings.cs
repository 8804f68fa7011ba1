namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// How a node queues tasks. HOCON section <c>akc.scheduler</c>; defaults equal <c>hocon/reference.conf</c>,
/// ranges are enforced by <see cref="NodeSettingsBinder"/>.
/// </summary>
public sealed record SchedulerSettings
{
    /// <summary><c>akc.scheduler.aging-interval</c>: a queued task gains <see cref="AgingStep"/> priority points each time it has waited this long. Default 30 s; greater than 0, at most 1 day.</summary>
    public TimeSpan AgingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>akc.scheduler.aging-step</c>: priority points gained per <see cref="AgingInterval"/>. Default 1; 0 (no aging) to 1,000,000.</summary>
    public int AgingStep { get; init; } = 1;

    /// <summary><c>akc.scheduler.max-queued</c>: most tasks queued on the node; a submission beyond it is refused. Default 1,000,000; 1 to 100,000,000.</summary>
    public int MaxQueued { get; init; } = 1_000_000;

    /// <summary>
    /// <c>akc.scheduler.tag-roles</c>: tag to cluster role, written <c>["gpu=gpu"]</c> in HOCON; a task carrying the tag
    /// requires the role, so only members started with it (<c>--roles gpu</c>) run it. Default empty; at most 1,000 entries.
    /// </summary>
    public IReadOnlyDictionary<string, string> TagRoles { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
}
