using System.CommandLine;
using System.Text.Json;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Settings;
using AkkaCompute.Persistence.Sqlite;
using Spectre.Console;

namespace AkkaCompute.Cli.Commands;

/// <summary><c>akc status</c>: task counts by state from the store, and the tasks still unfinished.</summary>
internal static class StatusCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = CommonOptions.Config();
        var db = CommonOptions.Db();
        var dataDir = CommonOptions.DataDir();
        var json = CommonOptions.Json();
        var command = new Command("status", "Show task counts by state and the unfinished tasks, read from the node's store.") { config, db, dataDir, json };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var settings = NodeSettingsLoader.Load(parse.GetValue(config)?.FullName, Environment.GetEnvironmentVariable, CommonOptions.Overrides(parse.GetValue(db), parse.GetValue(dataDir), null));
                var projection = await StoreReader.LoadAsync(settings, ct);
                var stats = projection.Stats();
                var unfinished = projection.Incomplete();
                if (parse.GetValue(json))
                {
                    await stdout.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        total = stats.Total,
                        byState = stats.ByState.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
                        unfinished = unfinished.Select(u => u.Spec.Id).Take(1000),
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
                    : $"{unfinished.Count} unfinished (they resume when a node starts on this store): {string.Join(", ", unfinished.Take(10).Select(u => u.Spec.Id))}{(unfinished.Count > 10 ? ", ..." : string.Empty)}");
                return AkcApp.ExitOk;
            }
            catch (Exception e) when (e is SettingsException or FileNotFoundException or SqliteStoreException)
            {
                await stderr.WriteLineAsync("akc status: " + e.Message);
                return AkcApp.ExitBadInput;
            }
        });
        return command;
    }
}
