using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Scheduling;

/// <summary>
/// What a node does to a submitted task's timing when it accepts it: a <see cref="TaskSpec.Delay"/> becomes an absolute
/// <see cref="TaskSpec.NotBefore"/> (so the journaled task keeps its due time across restarts), and a recurring task
/// (<see cref="TaskSpec.Cron"/>) becomes its first occurrence (<see cref="Recurrence.First"/>). Pure.
/// </summary>
public static class DueTimes
{
    /// <summary>Longest <see cref="TaskSpec.Delay"/>: 366 days.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(366);

    /// <summary>
    /// The task as it is accepted at <paramref name="now"/>: unchanged when it has no delay and no cron (or is already an
    /// occurrence, or already has its <see cref="TaskSpec.NotBefore"/>); with <c>NotBefore = now + Delay</c>; or its first
    /// occurrence. Null when a recurring task has no occurrence left.
    /// </summary>
    /// <param name="spec">The submitted task.</param>
    /// <param name="now">The time of acceptance.</param>
    public static TaskSpec? AtAcceptance(TaskSpec spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Cron is not null && spec.RecurrenceOf is null)
        {
            return Recurrence.First(spec, now);
        }

        return spec.Delay is { } delay && spec.NotBefore is null ? spec with { NotBefore = now + delay } : spec;
    }

    /// <summary>Why the task's timing is invalid (naming the task), or null: delay outside 0..366 days, cron with run-at or delay, a bad cron or zone.</summary>
    /// <param name="spec">The submitted task.</param>
    public static string? Problem(TaskSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Delay is { } d && (d < TimeSpan.Zero || d > MaxDelay))
        {
            return $"task '{spec.Id}': delay must be between 0 and 366 days";
        }

        if (spec.Cron is null)
        {
            return spec.TimeZone is null ? null : $"task '{spec.Id}': time-zone applies to recurring tasks (cron)";
        }

        if (spec.RecurrenceOf is null && (spec.NotBefore is not null || spec.Delay is not null))
        {
            return $"task '{spec.Id}': a recurring task (cron) cannot also have run-at or delay";
        }

        if (spec.RecurrenceOf is null && spec.Id.Contains(Recurrence.Separator, StringComparison.Ordinal))
        {
            return $"task '{spec.Id}': a recurring task's id may not contain '{Recurrence.Separator}' (its occurrences are named id@time)";
        }

        if (spec.RecurrenceOf is null && spec.Id.Length > Recurrence.MaxChainIdLength)
        {
            return $"task '{spec.Id}': a recurring task's id is at most {Recurrence.MaxChainIdLength} characters (its occurrences add @time)";
        }

        if (spec.DependsOn.Count > 0 || Workflows.RefScanner.MayContainReference(spec.Args))
        {
            return $"task '{spec.Id}': a recurring task cannot depend on other tasks (depends-on or $ref)";
        }

        return Recurrence.Problem(spec.Cron, spec.TimeZone) is { } problem ? $"task '{spec.Id}': {problem}" : null;
    }
}
