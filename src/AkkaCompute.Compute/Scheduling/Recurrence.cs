using System.Globalization;
using AkkaCompute.Compute.Tasks;
using Cronos;

namespace AkkaCompute.Compute.Scheduling;

/// <summary>
/// Recurring tasks (<see cref="TaskSpec.Cron"/>): cron expressions read with Cronos in an IANA time zone, and the
/// occurrences of a chain. Each occurrence is its own task with a deterministic id, <c>{chain}@{yyyy-MM-ddTHH:mm:ssZ}</c>
/// (the occurrence in UTC), so the exactly-once-by-id rule makes each occurrence run once even if it is submitted twice.
/// An occurrence, when it becomes due, makes the next one durable (<see cref="Successor"/>). Missed occurrences (a home
/// down across several of them) fire once, not once each: the successor is the first occurrence after the later of
/// the due time and now. Pure: time comes in as arguments.
/// </summary>
public static class Recurrence
{
    /// <summary>The separator between a chain's id and an occurrence's time in an occurrence id.</summary>
    public const char Separator = '@';

    /// <summary>Longest chain id: 178 characters, so that an occurrence id (chain + 21 characters) fits <see cref="Workflows.TaskIds.MaxLength"/>.</summary>
    public const int MaxChainIdLength = Workflows.TaskIds.MaxLength - 22;

    /// <summary>Why <paramref name="cron"/> in <paramref name="timeZone"/> cannot be used, or null when it can.</summary>
    /// <param name="cron">Five fields (minute hour day-of-month month day-of-week) or six (seconds first).</param>
    /// <param name="timeZone">An IANA id such as <c>Europe/Berlin</c>; null or empty for UTC.</param>
    /// <returns>E.g. <c>cron '0 25 * * *' is not a cron expression: ...</c>; null when valid.</returns>
    public static string? Problem(string cron, string? timeZone)
    {
        ArgumentNullException.ThrowIfNull(cron);
        if (ZoneProblem(timeZone) is { } zone)
        {
            return zone;
        }

        try
        {
            var expression = Parse(cron);
            return expression.GetNextOccurrence(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc) is null
                ? $"cron '{cron}' never fires"
                : null;
        }
        catch (CronFormatException e)
        {
            return $"cron '{cron}' is not a cron expression (five fields: minute hour day-of-month month day-of-week, or six with seconds first): {e.Message}";
        }
    }

    /// <summary>Why <paramref name="timeZone"/> is not a known IANA time zone, or null when it is (or is null or empty: UTC).</summary>
    /// <param name="timeZone">The id.</param>
    public static string? ZoneProblem(string? timeZone)
    {
        if (string.IsNullOrEmpty(timeZone))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _)
            ? null
            : $"time-zone '{timeZone}' is not a known IANA time zone (e.g. UTC, Europe/Berlin, America/New_York)";
    }

    /// <summary>The first occurrence of <paramref name="cron"/> strictly after <paramref name="after"/>, in UTC; null when there is none.</summary>
    /// <param name="cron">A valid expression (see <see cref="Problem"/>).</param>
    /// <param name="timeZone">An IANA id; null or empty for UTC.</param>
    /// <param name="after">The instant after which to look.</param>
    /// <exception cref="CronFormatException">The expression is invalid.</exception>
    /// <exception cref="TimeZoneNotFoundException">The zone is unknown.</exception>
    public static DateTimeOffset? Next(string cron, string? timeZone, DateTimeOffset after)
    {
        var zone = string.IsNullOrEmpty(timeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        return Parse(cron).GetNextOccurrence(after, zone)?.ToUniversalTime();
    }

    /// <summary>The id of the occurrence of chain <paramref name="chainId"/> at <paramref name="occurrence"/>: <c>nightly@2026-12-07T03:00:00Z</c>.</summary>
    /// <param name="chainId">The recurring task's id.</param>
    /// <param name="occurrence">The occurrence (any offset; written in UTC, to the second).</param>
    public static string OccurrenceId(string chainId, DateTimeOffset occurrence) =>
        chainId + Separator + occurrence.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The first occurrence of the recurring task <paramref name="template"/> (its <see cref="TaskSpec.Cron"/> set, not an
    /// occurrence itself) after <paramref name="now"/>: the template with the occurrence id, <see cref="TaskSpec.NotBefore"/>
    /// and <see cref="TaskSpec.RecurrenceOf"/> set. Null when the expression has no occurrence left.
    /// </summary>
    /// <param name="template">The recurring task as submitted.</param>
    /// <param name="now">The time of acceptance.</param>
    /// <exception cref="ArgumentException">The task is not recurring.</exception>
    public static TaskSpec? First(TaskSpec template, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Cron is not { } cron)
        {
            throw new ArgumentException($"task '{template.Id}' is not recurring (no cron)", nameof(template));
        }

        return Next(cron, template.TimeZone, now) is { } at
            ? template with { Id = OccurrenceId(template.Id, at), NotBefore = at, Delay = null, RecurrenceOf = template.Id }
            : null;
    }

    /// <summary>
    /// The occurrence after <paramref name="occurrence"/>: the first one strictly after the later of its due time and
    /// <paramref name="now"/> (so occurrences missed while no node ran fire once, not once each). Null when the
    /// expression has no occurrence left.
    /// </summary>
    /// <param name="occurrence">An occurrence (<see cref="TaskSpec.RecurrenceOf"/> set).</param>
    /// <param name="now">The time it became due (or was found overdue).</param>
    /// <exception cref="ArgumentException">The task is not an occurrence of a recurring task.</exception>
    public static TaskSpec? Successor(TaskSpec occurrence, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(occurrence);
        if (occurrence.RecurrenceOf is not { } chain || occurrence.Cron is not { } cron)
        {
            throw new ArgumentException($"task '{occurrence.Id}' is not an occurrence of a recurring task", nameof(occurrence));
        }

        var after = occurrence.NotBefore is { } due && due > now ? due : now;
        return Next(cron, occurrence.TimeZone, after) is { } at
            ? occurrence with { Id = OccurrenceId(chain, at), NotBefore = at }
            : null;
    }

    private static CronExpression Parse(string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }
}
