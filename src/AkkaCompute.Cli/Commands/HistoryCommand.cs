using System.CommandLine;
using System.Text.Json;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Settings;
using AkkaCompute.Persistence.Sqlite;
using Spectre.Console;

namespace AkkaCompute.Cli.Commands;

/// <summary><c>akc history [TASK]</c>: a task's events, or tasks filtered by state and time, or statistics.</summary>
internal static class HistoryCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var task = new Argument<string?>("TASK") { Description = "a task id: show its events", Arity = ArgumentArity.ZeroOrOne };
        var state = new Option<TaskState?>("--state") { Description = "only tasks whose latest state is this (Succeeded, Failed, TimedOut, Cancelled, Running, ...)" };
        var since = new Option<DateTimeOffset?>("--since") { Description = "only tasks accepted at or after this time (ISO 8601)" };
        var until = new Option<DateTimeOffset?>("--until") { Description = "only tasks accepted before this time (ISO 8601)" };
        var limit = new Option<int>("--limit") { Description = "most tasks listed (1 to 100000)", DefaultValueFactory = _ => 50 };
        var stats = new Option<bool>("--stats") { Description = "counts, success rate and duration percentiles" };
        var config = CommonOptions.Config();
        var db = CommonOptions.Db();
        var dataDir = CommonOptions.DataDir();
        var json = CommonOptions.Json();
        var command = new Command("history", "Show the durable task history: one task's events, a filtered list, or --stats.") { task, state, since, until, limit, stats, config, db, dataDir, json };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var settings = NodeSettingsLoader.Load(parse.GetValue(config)?.FullName, Environment.GetEnvironmentVariable, CommonOptions.Overrides(parse.GetValue(db), parse.GetValue(dataDir), null));
                var projection = await StoreReader.LoadAsync(settings, ct);
                var asJson = parse.GetValue(json);
                var console = CliConsole.Create(stdout);
                if (parse.GetValue(stats))
                {
                    var s = projection.Stats();
                    if (asJson)
                    {
                        await stdout.WriteLineAsync(JsonSerializer.Serialize(new { total = s.Total, byState = s.ByState.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value), successRate = s.SuccessRate, p50Ms = s.DurationP50Ms, p95Ms = s.DurationP95Ms, p99Ms = s.DurationP99Ms }));
                    }
                    else
                    {
                        console.WriteLine($"tasks {s.Total}, success rate {s.SuccessRate:P1}, duration p50 {s.DurationP50Ms:0.0} ms, p95 {s.DurationP95Ms:0.0} ms, p99 {s.DurationP99Ms:0.0} ms");
                    }

                    return AkcApp.ExitOk;
                }

                if (parse.GetValue(task) is { } id)
                {
                    if (projection.Get(id) is not { } one)
                    {
                        await stderr.WriteLineAsync($"akc history: no task '{id}' in {settings.Storage.DatabasePath}");
                        return AkcApp.ExitFailed;
                    }

                    if (asJson)
                    {
                        await stdout.WriteLineAsync(JsonSerializer.Serialize(new { id, state = one.State.ToString(), attempts = one.Attempts, events = one.Events.Select(e => new { type = e.GetType().Name, at = e.At, detail = e }) }));
                        return AkcApp.ExitOk;
                    }

                    console.WriteLine($"{id}: {one.State} after {one.Attempts} attempt(s)");
                    foreach (var e in one.Events)
                    {
                        console.WriteLine($"  {e.At:O}  {Describe(e)}");
                    }

                    return AkcApp.ExitOk;
                }

                var rows = projection.Query(new HistoryQuery(null, parse.GetValue(state), parse.GetValue(since), parse.GetValue(until), parse.GetValue(limit)));
                if (asJson)
                {
                    foreach (var r in rows)
                    {
                        await stdout.WriteLineAsync(JsonSerializer.Serialize(new { id = r.Spec.Id, state = r.State.ToString(), attempts = r.Attempts, acceptedAt = r.AcceptedAt, finishedAt = r.FinishedAt, error = r.Result?.Error }));
                    }

                    return AkcApp.ExitOk;
                }

                var table = new Table().AddColumn("task").AddColumn("state").AddColumn("attempts").AddColumn("accepted").AddColumn("error");
                foreach (var r in rows)
                {
                    table.AddRow(Markup.Escape(r.Spec.Id), r.State.ToString(), r.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), r.AcceptedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(r.Result?.Error ?? string.Empty));
                }

                console.Write(table);
                return AkcApp.ExitOk;
            }
            catch (Exception e) when (e is SettingsException or FileNotFoundException or SqliteStoreException)
            {
                await stderr.WriteLineAsync("akc history: " + e.Message);
                return AkcApp.ExitBadInput;
            }
        });
        return command;
    }

    private static string Describe(ITaskHistoryEvent e) => e switch
    {
        TaskAccepted a => $"accepted ({a.Spec.Kind} {a.Spec.Function ?? a.Spec.Command}, priority {a.Spec.Priority})",
        TaskStarted s => $"started attempt {s.Attempt}",
        TaskRetrying r => $"attempt {r.Attempt} failed: {r.Error}; retrying in {r.DelayMs:0} ms",
        TaskFinished f => $"{f.Result.State.ToString().ToLowerInvariant()}{(f.Result.Error is null ? string.Empty : ": " + f.Result.Error)}{(f.Result.FromCache ? " (from cache)" : string.Empty)}",
        _ => e.GetType().Name,
    };
}
