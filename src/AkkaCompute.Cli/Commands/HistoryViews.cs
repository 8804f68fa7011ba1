using System.Globalization;
using AkkaCompute.Compute.History;
using Spectre.Console;

namespace AkkaCompute.Cli.Commands;

/// <summary>Prints what <c>akc history</c> found: a list, one task, or statistics; as tables or <c>--json</c>.</summary>
internal sealed class HistoryViews(TextWriter stdout, TextWriter stderr, bool json)
{
    /// <summary>Counts, success rate and percentiles.</summary>
    public async Task<int> StatsAsync(HistoryStats s)
    {
        if (json)
        {
            await stdout.WriteLineAsync(CliJson.Serialize(new { total = s.Total, byState = s.ByState.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value), successRate = s.SuccessRate, p50Ms = s.DurationP50Ms, p95Ms = s.DurationP95Ms, p99Ms = s.DurationP99Ms }));
        }
        else
        {
            Console().WriteLine($"tasks {s.Total}, success rate {Percent(s.SuccessRate)}, duration p50 {s.DurationP50Ms.ToString("0.0", CultureInfo.InvariantCulture)} ms, p95 {s.DurationP95Ms.ToString("0.0", CultureInfo.InvariantCulture)} ms, p99 {s.DurationP99Ms.ToString("0.0", CultureInfo.InvariantCulture)} ms");
        }

        return AkcApp.ExitOk;
    }

    /// <summary>One task's events; exit 1 when the store does not hold it.</summary>
    public async Task<int> TaskAsync(string id, TaskHistory? one, string databasePath)
    {
        if (one is null)
        {
            await stderr.WriteLineAsync($"akc history: no task '{id}' in {databasePath}");
            return AkcApp.ExitFailed;
        }

        if (json)
        {
            await stdout.WriteLineAsync(CliJson.Serialize(new { id, state = one.State, attempts = one.Attempts, tags = one.Spec.Tags, notBefore = one.Spec.NotBefore, recurrenceOf = one.Spec.RecurrenceOf, events = one.Events.Select(e => new { type = e.GetType().Name, at = e.At, detail = e }) }));
            return AkcApp.ExitOk;
        }

        var console = Console();
        console.WriteLine($"{id}: {one.State} after {one.Attempts} attempt(s)");
        if (one.Spec.Tags.Count > 0 || one.Spec.NotBefore is not null)
        {
            console.WriteLine($"  {(one.Spec.NotBefore is { } due ? $"due {due:O}" : string.Empty)}{(one.Spec.Tags.Count > 0 && one.Spec.NotBefore is not null ? ", " : string.Empty)}{(one.Spec.Tags.Count > 0 ? "tags " + string.Join(", ", one.Spec.Tags) : string.Empty)}");
        }
        foreach (var e in one.Events)
        {
            console.WriteLine($"  {e.At:O}  {Describe(e)}");
        }

        return AkcApp.ExitOk;
    }

    /// <summary>The listed tasks; when fewer than <paramref name="matching"/>, says so on stderr.</summary>
    public async Task<int> ListAsync(IReadOnlyList<TaskHistory> rows, int matching)
    {
        if (json)
        {
            await stdout.WriteLineAsync(CliJson.Serialize(rows.Select(r => new { id = r.Spec.Id, state = r.State, attempts = r.Attempts, acceptedAt = r.AcceptedAt, finishedAt = r.FinishedAt, error = r.Result?.Error, tags = r.Spec.Tags, notBefore = r.Spec.NotBefore })));
        }
        else
        {
            var table = new Table().AddColumn("task").AddColumn("state").AddColumn("attempts").AddColumn("accepted").AddColumn("error");
            foreach (var r in rows)
            {
                table.AddRow(Markup.Escape(r.Spec.Id), r.State.ToString(), r.Attempts.ToString(CultureInfo.InvariantCulture), r.AcceptedAt.ToString("u", CultureInfo.InvariantCulture), Markup.Escape(r.Result?.Error ?? string.Empty));
            }

            Console().Write(table);
        }

        if (rows.Count < matching)
        {
            await stderr.WriteLineAsync($"{rows.Count} of {matching} shown (--limit N for more)");
        }

        return AkcApp.ExitOk;
    }

    /// <summary>A rate as a percentage with two decimals, rounded down: 100.00 % only when it is exactly 1.</summary>
    public static string Percent(double rate) =>
        (Math.Floor((decimal)rate * 10_000m) / 100m).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    private IAnsiConsole Console() => CliConsole.Create(stdout);

    private static string Describe(ITaskHistoryEvent e) => e switch
    {
        TaskAccepted a => $"accepted ({a.Spec.Kind} {a.Spec.Function ?? a.Spec.Command}, priority {a.Spec.Priority})",
        TaskStarted s => $"started attempt {s.Attempt}" + (s.Owner is { } owner ? $" on {owner}" : string.Empty),
        TaskRetrying r => $"attempt {r.Attempt} failed: {r.Error}; retrying in {r.DelayMs:0} ms",
        TaskFinished f => $"{f.Result.State.ToString().ToLowerInvariant()}{(f.Result.Error is null ? string.Empty : ": " + f.Result.Error)}{(f.Result.FromCache ? " (from cache)" : string.Empty)}",
        TaskOwnerChanged m => $"{m.Reason}: from {m.From ?? "?"} to {m.To ?? "(no member qualifies yet)"}",
        _ => e.GetType().Name,
    };
}
