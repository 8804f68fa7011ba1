using System.CommandLine;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Settings;
using AkkaCompute.Hosting.Storage;
using Spectre.Console;

namespace AkkaCompute.Cli.Commands;

/// <summary><c>akc status</c>: task counts by state from the store, and the tasks still unfinished.</summary>
internal static class StatusCommand
{
    /// <summary>Most unfinished task ids in <c>--json</c> output (<c>unfinishedCount</c> has them all).</summary>
    public const int MaxUnfinishedListed = 1_000;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = CommonOptions.Config();
        var db = CommonOptions.Db();
        var dataDir = CommonOptions.DataDir();
        var json = CommonOptions.Json();
        json.Description = $"print one JSON object: total, byState (every state, zero counts included), unfinishedCount, and unfinished (the ids of the first {MaxUnfinishedListed.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} unfinished tasks)";
        var contacts = ContactClient.Option(required: false);
        contacts.Description = "ask a running cluster member instead of reading a store: the counts of the tasks it is home to (" + contacts.Description + ")";
        var tags = CommonOptions.Tags();
        tags.Description += "; with --contact the counts come from every member's history";
        var command = new Command("status", "Show task counts by state and the unfinished tasks, read from the node's store (or, with --contact, the counts of a running cluster member). A task with a due time (run-at, delay, cron) that has not started yet counts as Scheduled.") { config, db, dataDir, json, contacts, tags };
        command.SetAction(async (parse, ct) =>
        {
            var tagFilter = parse.GetValue(tags) is { Length: > 0 } given ? given : null;
            if (tagFilter?.FirstOrDefault(string.IsNullOrWhiteSpace) is not null)
            {
                await stderr.WriteLineAsync("akc status: --tag must not be empty");
                return AkcApp.ExitBadInput;
            }

            var filter = tagFilter is null ? null : new Compute.History.HistoryQuery(Tags: tagFilter);
            if (parse.GetValue(contacts) is { Length: > 0 } addresses)
            {
                return await ContactClient.RunAsync("akc status", addresses, stderr, client => filter is null
                    ? RemoteStatusAsync(client, stdout, parse.GetValue(json), ct)
                    : RemoteTaggedStatusAsync(client, stdout, parse.GetValue(json), filter, ct), ct);
            }

            try
            {
                var settings = NodeSettingsLoader.Load(parse.GetValue(config)?.FullName, Environment.GetEnvironmentVariable, CommonOptions.Overrides(parse.GetValue(db), parse.GetValue(dataDir), null));
                var projection = await HistoryReader.LoadAsync(settings.Storage.DatabasePath, ct);
                var stats = projection.Stats(filter);
                var unfinished = projection.Incomplete().Where(u => filter?.TagsMatch(u.Spec) != false).ToList();
                if (parse.GetValue(json))
                {
                    await stdout.WriteLineAsync(CliJson.Serialize(new
                    {
                        total = stats.Total,
                        byState = stats.ByState.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
                        unfinishedCount = unfinished.Count,
                        unfinished = unfinished.Select(u => u.Spec.Id).Take(MaxUnfinishedListed),
                    }));
                    return AkcApp.ExitOk;
                }

                var console = CliConsole.Create(stdout);
                var table = new Table().AddColumn("state").AddColumn(new TableColumn("tasks").RightAligned());
                foreach (var (state, count) in stats.ByState.Where(kv => kv.Value > 0))
                {
                    table.AddRow(state.ToString(), count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                table.AddRow("total", stats.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
                console.Write(table);
                console.WriteLine(unfinished.Count == 0
                    ? "no unfinished tasks"
                    : $"{unfinished.Count} unfinished: Accepted, Scheduled, Running and Retrying are their last recorded states; unless an akc run is using this store now, it was interrupted, and they resume on the next akc run of their job with this data directory: {string.Join(", ", unfinished.Take(10).Select(u => u.Spec.Id))}{(unfinished.Count > 10 ? ", ..." : string.Empty)}");
                return AkcApp.ExitOk;
            }
            catch (Exception e) when (e is SettingsException or FileNotFoundException or HistoryStoreException)
            {
                await stderr.WriteLineAsync("akc status: " + e.Message);
                return AkcApp.ExitBadInput;
            }
        });
        return command;
    }

    /// <summary>With <c>--tag</c> and <c>--contact</c>: counts by state of the matching tasks in every member's history.</summary>
    private static async Task<int> RemoteTaggedStatusAsync(AkkaCompute.Client.ComputeClient client, TextWriter stdout, bool json, Compute.History.HistoryQuery filter, CancellationToken ct)
    {
        var rows = await client.HistoryAsync(filter with { Limit = 100_000 }, ct);
        var byState = Enum.GetValues<TaskState>().ToDictionary(s => s.ToString(), _ => 0);
        foreach (var row in rows)
        {
            byState[row.State.ToString()]++;
        }

        var unfinished = rows.Where(r => !r.State.IsTerminal()).Select(r => r.Spec.Id).ToList();
        if (json)
        {
            await stdout.WriteLineAsync(CliJson.Serialize(new { total = rows.Count, byState, unfinishedCount = unfinished.Count, unfinished = unfinished.Take(MaxUnfinishedListed) }));
            return AkcApp.ExitOk;
        }

        var console = CliConsole.Create(stdout);
        var table = new Table().AddColumn("state").AddColumn(new TableColumn("tasks").RightAligned());
        foreach (var (state, count) in byState.Where(kv => kv.Value > 0))
        {
            table.AddRow(state, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        table.AddRow("total", rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        console.Write(table);
        console.WriteLine(unfinished.Count == 0 ? "no unfinished tasks" : $"{unfinished.Count} unfinished: {string.Join(", ", unfinished.Take(10))}{(unfinished.Count > 10 ? ", ..." : string.Empty)}");
        return AkcApp.ExitOk;
    }

    private static async Task<int> RemoteStatusAsync(AkkaCompute.Client.ComputeClient client, TextWriter stdout, bool json, CancellationToken ct)
    {
        var status = await client.StatusAsync(ct);
        var members = await client.MembersAsync(ct);
        var stats = await client.ClusterStatsAsync(ct);
        var counts = new (string State, int Count)[]
        {
            ("Accepted", status.Waiting), ("Scheduled", status.Scheduled), ("Queued", status.Queued), ("Running", status.Running), ("Retrying", status.Retrying),
            ("Succeeded", status.Succeeded), ("Failed", status.Failed), ("Cancelled", status.Cancelled),
        };
        if (json)
        {
            await stdout.WriteLineAsync(CliJson.Serialize(new
            {
                total = status.Known,
                byState = counts.ToDictionary(c => c.State, c => c.Count),
                members,
                placedElsewhere = stats.PlacedElsewhere,
                foreign = stats.Foreign,
                handedOff = stats.HandedOff,
                stolen = stats.Stolen,
                duplicateResults = stats.DuplicateResults,
                tookOver = stats.TookOver,
            }));
            return AkcApp.ExitOk;
        }

        var console = CliConsole.Create(stdout);
        var table = new Table().AddColumn("state").AddColumn(new TableColumn("tasks").RightAligned());
        foreach (var (state, count) in counts.Where(c => c.Count > 0))
        {
            table.AddRow(state, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        table.AddRow("total", status.Known.ToString(System.Globalization.CultureInfo.InvariantCulture));
        console.Write(table);
        console.WriteLine($"tasks this member is home to; it places them on {members.Count} members: {string.Join(", ", members)}");
        console.WriteLine($"now: {stats.PlacedElsewhere} of its tasks on other members, {stats.Foreign} of others' here; since start: {stats.HandedOff} handed off, {stats.Stolen} given to idle members, {stats.DuplicateResults} duplicate results dropped, {stats.TookOver} tasks of removed homes taken over");
        return AkcApp.ExitOk;
    }
}
