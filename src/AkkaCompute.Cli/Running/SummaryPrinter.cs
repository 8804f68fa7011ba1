using System.Text.Json;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Cli.Commands;
using Spectre.Console;

namespace AkkaCompute.Cli.Running;

/// <summary>
/// Prints the end-of-job summary: a table (or one JSON object with --json), then the first failures and the results path as plain
/// lines. Redirected output has no ANSI codes and no wrapping (see <see cref="CliConsole"/>).
/// </summary>
internal sealed class SummaryPrinter(TextWriter stdout, bool json)
{
    /// <summary>Failures listed in the table view.</summary>
    public const int MaxFailuresShown = 10;

    public async Task PrintAsync(string jobName, ProgressSnapshot s, IReadOnlyDictionary<string, TaskResult> results, string resultsPath)
    {
        var failures = results.Values.Where(r => r.State != TaskState.Succeeded).OrderBy(r => r.TaskId, StringComparer.Ordinal).ToList();
        if (json)
        {
            var doc = new
            {
                job = jobName,
                total = s.Total,
                succeeded = s.Succeeded,
                failed = failures.Count(f => f.State == TaskState.Failed),
                timedOut = failures.Count(f => f.State == TaskState.TimedOut),
                cancelled = s.Cancelled,
                fromCache = results.Values.Count(r => r.FromCache),
                elapsedMs = Math.Round(s.Elapsed.TotalMilliseconds, 1),
                results = resultsPath,
                failures = failures.Take(100).Select(f => new { id = f.TaskId, state = f.State.ToString(), error = f.Error }),
            };
            await stdout.WriteLineAsync(JsonSerializer.Serialize(doc));
            return;
        }

        var console = CliConsole.Create(stdout);
        await stdout.WriteLineAsync($"job {jobName}"); // a plain line: a table title would wrap at the table's width
        var table = new Table().AddColumn("state").AddColumn(new TableColumn("tasks").RightAligned());
        table.AddRow("succeeded", s.Succeeded.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("failed", failures.Count(f => f.State == TaskState.Failed).ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("timed out", failures.Count(f => f.State == TaskState.TimedOut).ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("cancelled", s.Cancelled.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("from cache", results.Values.Count(r => r.FromCache).ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("total", s.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        console.Write(table);

        // Plain lines, never wrapped: scripts grep them for the task ids and the results path.
        if (failures.Count > 0)
        {
            await stdout.WriteLineAsync($"first {Math.Min(MaxFailuresShown, failures.Count)} of {failures.Count} tasks that did not succeed:");
            foreach (var f in failures.Take(MaxFailuresShown))
            {
                await stdout.WriteLineAsync($"  {f.TaskId}: {f.State}: {f.Error}");
            }
        }

        await stdout.WriteLineAsync(FormattableString.Invariant($"elapsed {s.Elapsed.TotalSeconds:0.00} s, {s.RatePerSecond:0.0} tasks/s; results: {resultsPath}"));
    }
}
