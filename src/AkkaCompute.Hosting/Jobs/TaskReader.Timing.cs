using System.Globalization;
using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>When a task runs: <c>run-at</c>, <c>delay</c>, or <c>cron</c> with <c>time-zone</c>.</summary>
internal sealed partial class TaskReader
{
    /// <summary>
    /// Reads the task's timing keys, recording every problem at its value's line:column: <c>run-at</c> an ISO 8601 time
    /// with an offset (<c>"2026-12-07T03:00:00Z"</c>, <c>"2026-12-07T04:00:00+01:00"</c>); <c>delay</c> a duration, at most
    /// 366 days, counted from acceptance; <c>cron</c> a cron expression (Cronos, five fields or six with seconds);
    /// <c>time-zone</c> an IANA id for <c>cron</c> (default UTC). At most one of run-at, delay and cron; a recurring task
    /// cannot depend on others, and its id may not contain '@'.
    /// </summary>
    /// <param name="task">The task object.</param>
    /// <param name="context">Message prefix, e.g. <c>task 'a'</c>.</param>
    /// <param name="hasDependencies">Whether the task has depends-on or $ref arguments.</param>
    /// <returns>The values read (null where unset or bad).</returns>
    private (DateTimeOffset? RunAt, TimeSpan? Delay, string? Cron, string? TimeZone) Timing(HoconObject task, string context, bool hasDependencies)
    {
        var runAt = RunAt(task, context);
        var delay = reader.Duration(task, "delay", context, DueTimes.MaxDelay);
        var cron = reader.String(task, "cron", context, 200);
        var zone = reader.String(task, "time-zone", context, 100);
        var set = new[] { "run-at", "delay", "cron" }.Where(k => JobReader.Get(task, k) is not null).ToList();
        if (set.Count > 1)
        {
            reader.Errors.Add(JobReader.Get(task, set[1])!.Origin, $"{context}: set at most one of run-at, delay and cron (found {string.Join(" and ", set)})");
        }

        if (JobReader.Get(task, "time-zone") is { } zoneValue)
        {
            if (JobReader.Get(task, "cron") is null)
            {
                reader.Bad(context, "time-zone", zoneValue, "applies to recurring tasks (set cron too)");
            }
            else if (zone is not null && Recurrence.ZoneProblem(zone) is not null)
            {
                reader.Bad(context, "time-zone", zoneValue, "is not a known IANA time zone (e.g. UTC, Europe/Berlin, America/New_York)");
            }
        }

        if (cron is not null && JobReader.Get(task, "cron") is { } cronValue)
        {
            if (Recurrence.Problem(cron, null) is { } cronProblem)
            {
                reader.Bad(context, "cron", cronValue, cronProblem);
            }

            if (hasDependencies)
            {
                reader.Bad(context, "cron", cronValue, "a recurring task cannot depend on other tasks (depends-on or $ref)");
            }

            if (JobReader.Get(task, "id") is { } idValue && idValue is HoconScalar idText)
            {
                if (idText.Text.Contains(Recurrence.Separator, StringComparison.Ordinal))
                    reader.Bad(context, "id", idValue, $"a recurring task's id may not contain '{Recurrence.Separator}' (its occurrences are named id@time)");
                else if (idText.Text.Length > Recurrence.MaxChainIdLength)
                    reader.Bad(context, "id", idValue, $"a recurring task's id is at most {Recurrence.MaxChainIdLength} characters (its occurrences add @time)");
            }
        }

        return (runAt, delay, cron, zone);
    }

    private DateTimeOffset? RunAt(HoconObject task, string context)
    {
        if (JobReader.Get(task, "run-at") is not { } value)
        {
            return null;
        }

        var text = reader.String(task, "run-at", context, 100);
        if (text is null)
        {
            return null;
        }

        // An offset is required: a bare local time would mean different instants on different members.
        if (!DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            || !(text.EndsWith('Z') || text.EndsWith("z", StringComparison.Ordinal) || text.Length > 6 && text[^6] is '+' or '-'))
        {
            reader.Bad(context, "run-at", value, "must be an ISO 8601 time with an offset, e.g. \"2026-12-07T03:00:00Z\" or \"2026-12-07T04:00:00+01:00\" (quote it: ':' ends an unquoted HOCON string)");
            return null;
        }

        return at;
    }
}
