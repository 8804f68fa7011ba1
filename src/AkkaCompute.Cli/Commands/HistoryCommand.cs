using System.CommandLine;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Settings;
using AkkaCompute.Hosting.Storage;

namespace AkkaCompute.Cli.Commands;

/// <summary><c>akc history [TASK]</c>: a task's events, or tasks filtered by state and time, or statistics.</summary>
internal static class HistoryCommand
{
    /// <summary>Most tasks <c>--limit</c> may ask for.</summary>
    public const int MaxLimit = 100_000;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var task = new Argument<string?>("TASK") { Description = "a task id: show its events", Arity = ArgumentArity.ZeroOrOne };
        var state = new Option<TaskState?>("--state")
        {
            Description = "only tasks whose latest state is this: " + string.Join(", ", Enum.GetNames<TaskState>()),
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (Enum.TryParse<TaskState>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
                {
                    return parsed;
                }

                result.AddError($"--state '{text}' is not a task state; use one of: {string.Join(", ", Enum.GetNames<TaskState>())}");
                return null;
            },
        };
        var since = new Option<string?>("--since") { Description = "only tasks accepted at or after this time: " + TimeArgument.Formats };
        var until = new Option<string?>("--until") { Description = "only tasks accepted before this time (same forms as --since)" };
        var limit = new Option<int>("--limit") { Description = $"most tasks listed (1 to {MaxLimit}; default 50); stderr says when more matched", DefaultValueFactory = _ => 50 };
        var tags = CommonOptions.Tags();
        var stats = new Option<bool>("--stats") { Description = "counts, success rate and duration percentiles over every task (no TASK or filters)" };
        var config = CommonOptions.Config();
        var db = CommonOptions.Db();
        var dataDir = CommonOptions.DataDir();
        var contacts = ContactClient.Option(required: false);
        contacts.Description = "a member of a running cluster (host:port or akka.tcp://system@host:port; repeatable): ask every member's history (each task's home recorded it) instead of reading a local journal";
        var json = CommonOptions.Json();
        json.Description = "print JSON instead of tables: the list as one JSON array of {id, state, attempts, acceptedAt, finishedAt, error, tags, notBefore}; TASK (with tags, notBefore, recurrenceOf and events) or --stats as one JSON object";
        var command = new Command("history", "Show the durable task history: one task's events, a filtered list, or --stats.") { task, state, since, until, limit, tags, stats, config, db, dataDir, contacts, json };
        command.SetAction(async (parse, ct) =>
        {
            var id = parse.GetValue(task);
            var filters = new[] { (state.Name, parse.GetResult(state)), (since.Name, parse.GetResult(since)), (until.Name, parse.GetResult(until)), (limit.Name, parse.GetResult(limit)), (tags.Name, parse.GetResult(tags)) }
                .Where(f => f.Item2 is { Implicit: false }).Select(f => f.Name).ToList();
            string? problem = null;
            if (parse.GetValue(stats) && (id is not null || filters.Count > 0))
            {
                problem = $"--stats covers every task: it cannot be combined with {(id is not null ? $"a TASK ('{id}')" : string.Join(", ", filters))}";
            }
            else if (id is not null && filters.Count > 0)
            {
                problem = $"a TASK ('{id}') shows that task's events: it cannot be combined with {string.Join(", ", filters)}";
            }
            else if (parse.GetValue(tags)?.FirstOrDefault(string.IsNullOrWhiteSpace) is not null)
            {
                problem = "--tag must not be empty";
            }
            else if (parse.GetValue(limit) is var n && (n < 1 || n > MaxLimit))
            {
                problem = $"--limit must be 1 to {MaxLimit}, got {n}";
            }

            var remote = parse.GetValue(contacts) is { Length: > 0 } given ? given : null;
            if (remote is not null && problem is null && (parse.GetValue(stats) || parse.GetValue(db) is not null || parse.GetValue(dataDir) is not null))
            {
                problem = "--contact asks the cluster: it cannot be combined with " + (parse.GetValue(stats) ? "--stats (it reads a local journal)" : "--db or --data-dir");
            }

            var now = DateTimeOffset.UtcNow;
            var from = Time(parse.GetValue(since), "--since", now, ref problem);
            var to = Time(parse.GetValue(until), "--until", now, ref problem);
            if (problem is not null)
            {
                await stderr.WriteLineAsync("akc history: " + problem);
                return AkcApp.ExitBadInput;
            }

            if (remote is not null)
            {
                return await ContactClient.RunAsync("akc history", remote, stderr, async client =>
                {
                    var view = new HistoryViews(stdout, stderr, parse.GetValue(json));
                    if (id is not null)
                    {
                        var found = await client.HistoryAsync(new HistoryQuery(id, Limit: 1), ct);
                        return await view.TaskAsync(id, found.FirstOrDefault(), "the cluster");
                    }

                    var rows = await client.HistoryAsync(new HistoryQuery(null, parse.GetValue(state), from, to, parse.GetValue(limit), TagsOf(parse.GetValue(tags))), ct);
                    return await view.ListAsync(rows, rows.Count);
                }, ct);
            }

            try
            {
                var settings = NodeSettingsLoader.Load(parse.GetValue(config)?.FullName, Environment.GetEnvironmentVariable, CommonOptions.Overrides(parse.GetValue(db), parse.GetValue(dataDir), null));
                var projection = await HistoryReader.LoadAsync(settings.Storage.DatabasePath, ct);
                var view = new HistoryViews(stdout, stderr, parse.GetValue(json));
                if (parse.GetValue(stats))
                {
                    return await view.StatsAsync(projection.Stats());
                }

                if (id is not null)
                {
                    return await view.TaskAsync(id, projection.Get(id), settings.Storage.DatabasePath);
                }

                var query = new HistoryQuery(null, parse.GetValue(state), from, to, parse.GetValue(limit), TagsOf(parse.GetValue(tags)));
                return await view.ListAsync(projection.Query(query), projection.CountMatching(query));
            }
            catch (Exception e) when (e is SettingsException or FileNotFoundException or HistoryStoreException)
            {
                await stderr.WriteLineAsync("akc history: " + e.Message);
                return AkcApp.ExitBadInput;
            }
        });
        return command;
    }

    private static IReadOnlyList<string>? TagsOf(string[]? given) => given is { Length: > 0 } ? given : null;

    private static DateTimeOffset? Time(string? text, string option, DateTimeOffset now, ref string? problem)
    {
        if (text is null)
        {
            return null;
        }

        if (TimeArgument.Parse(text, now) is { } at)
        {
            return at;
        }

        problem ??= $"{option} '{text}' is not a time: use {TimeArgument.Formats}";
        return null;
    }
}
