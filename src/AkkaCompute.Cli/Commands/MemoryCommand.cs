using System.CommandLine;
using System.Text.Json;
using AkkaCompute.Client;
using AkkaCompute.Compute.Memory;

namespace AkkaCompute.Cli.Commands;

/// <summary><c>akc memory get|set|delete|list --contact ADDR</c>: the cluster's shared memory, a replicated key-value map.</summary>
internal static class MemoryCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("memory", "Read and write the cluster's shared memory: a key-value map every member replicates (Akka.DistributedData, last writer wins). Values are JSON; keys are 1 to 256 characters. Reads and writes go to the contact member, with --consistency local (that member only; a write spreads by gossip), majority or all. Per-client quotas: akc.quota.max-memory-keys and max-storage-bytes, counted cluster-wide.");
        command.Subcommands.Add(Get(stdout, stderr));
        command.Subcommands.Add(Set(stdout, stderr));
        command.Subcommands.Add(Delete(stdout, stderr));
        command.Subcommands.Add(List(stdout, stderr));
        return command;
    }

    private static Option<MemoryConsistency> Consistency() => new("--consistency")
    {
        Description = "local (the contact member only), majority (more than half the members) or all; default local",
        DefaultValueFactory = _ => MemoryConsistency.Local,
        CustomParser = r => r.Tokens[0].Value.ToLowerInvariant() switch
        {
            "local" => MemoryConsistency.Local,
            "majority" => MemoryConsistency.Majority,
            "all" => MemoryConsistency.All,
            var other => Fail(r, $"--consistency: '{other}' is not local, majority or all"),
        },
    };

    private static Option<string?> ClientId() => new("--client")
    {
        Description = "the client id written keys count against (akc.quota.max-memory-keys, max-storage-bytes); default: the AKC_CLIENT environment variable, else anonymous",
    };

    private static Argument<string> Key() => new("KEY")
    {
        Description = "the key: 1 to 256 characters, no control characters",
    };

    private static Command Get(TextWriter stdout, TextWriter stderr)
    {
        var key = Key();
        var contacts = ContactClient.Option(required: true);
        var consistency = Consistency();
        var json = CommonOptions.Json();
        json.Description = "print one JSON object: key, found, value (the JSON value), client, updatedAt";
        var command = new Command("get", "Print the value of KEY (a JSON string prints as its text, other values as JSON). Exit 1 when no member asked holds it.")
        {
            key, contacts, consistency, json,
        };
        command.SetAction((parse, ct) => WithKey("akc memory get", parse.GetValue(key), stderr, k => ContactClient.RunAsync("akc memory get", parse.GetValue(contacts) ?? [], stderr, client => Guard("akc memory get", stderr, async () =>
        {
            var entry = await client.MemoryGetAsync(k, parse.GetValue(consistency), ct);
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(CliJson.Serialize(new { key = k, found = entry is not null, value = entry is null ? (JsonElement?)null : Parse(entry.Json), client = entry?.Client, updatedAt = entry?.UpdatedAt }));
            }
            else if (entry is not null)
            {
                await stdout.WriteLineAsync(Display(entry.Json));
            }
            else
            {
                await stderr.WriteLineAsync($"akc memory get: {k}: not found");
            }

            return entry is null ? AkcApp.ExitFailed : AkcApp.ExitOk;
        }), ct)));
        return command;
    }

    private static Command Set(TextWriter stdout, TextWriter stderr)
    {
        var key = Key();
        var value = new Argument<string>("VALUE") { Description = "the value: stored as a JSON string, or with --as json as the JSON it is" };
        var kind = new Option<string>("--as")
        {
            Description = "text (default: VALUE is stored as a JSON string) or json (VALUE must be JSON text: a number, object, array, true, false, null or a quoted string)",
            DefaultValueFactory = _ => "text",
        };
        kind.AcceptOnlyFromAmong("text", "json");
        var contacts = ContactClient.Option(required: true);
        var consistency = Consistency();
        var clientId = ClientId();
        var json = CommonOptions.Json();
        json.Description = "print one JSON object: key, existed";
        var command = new Command("set", "Write VALUE under KEY (replacing any value), counted against the client's quota. Exit 1 when a quota refuses it or too few members confirm it in time (a write that timed out stays on the contact member and spreads by gossip).")
        {
            key, value, kind, contacts, consistency, clientId, json,
        };
        command.SetAction((parse, ct) => WithKey("akc memory set", parse.GetValue(key), stderr, async k =>
        {
            var text = parse.GetValue(value) ?? string.Empty;
            string valueJson;
            if (parse.GetValue(kind) == "json")
            {
                try
                {
                    valueJson = Parse(text).GetRawText();
                }
                catch (JsonException e)
                {
                    await stderr.WriteLineAsync($"akc memory set: VALUE is not valid JSON (--as json): {e.Message}");
                    return AkcApp.ExitBadInput;
                }
            }
            else
            {
                valueJson = JsonSerializer.Serialize(text);
            }

            var options = new ComputeClientOptions { ClientId = parse.GetValue(clientId) ?? Environment.GetEnvironmentVariable("AKC_CLIENT") };
            return await ContactClient.RunAsync("akc memory set", parse.GetValue(contacts) ?? [], stderr, client => Guard("akc memory set", stderr, async () =>
            {
                var existed = await client.MemorySetAsync(k, valueJson, parse.GetValue(consistency), ct);
                await stdout.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(new { key = k, existed }) : $"{k}: {(existed ? "replaced" : "set")}");
                return AkcApp.ExitOk;
            }), ct, options);
        }));
        return command;
    }

    private static Command Delete(TextWriter stdout, TextWriter stderr)
    {
        var key = Key();
        var contacts = ContactClient.Option(required: true);
        var consistency = Consistency();
        var json = CommonOptions.Json();
        json.Description = "print one JSON object: key, existed";
        var command = new Command("delete", "Remove KEY. Exit 0 whether or not it was there (the output says which).")
        {
            key, contacts, consistency, json,
        };
        command.SetAction((parse, ct) => WithKey("akc memory delete", parse.GetValue(key), stderr, k => ContactClient.RunAsync("akc memory delete", parse.GetValue(contacts) ?? [], stderr, client => Guard("akc memory delete", stderr, async () =>
        {
            var existed = await client.MemoryDeleteAsync(k, parse.GetValue(consistency), ct);
            await stdout.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(new { key = k, existed }) : $"{k}: {(existed ? "deleted" : "was not set")}");
            return AkcApp.ExitOk;
        }), ct)));
        return command;
    }

    private static Command List(TextWriter stdout, TextWriter stderr)
    {
        var prefix = new Option<string>("--prefix") { Description = "only keys starting with it", DefaultValueFactory = _ => string.Empty };
        var limit = new Option<int>("--limit") { Description = "most keys to print, 1 to 10000 (default 100)", DefaultValueFactory = _ => 100 };
        var contacts = ContactClient.Option(required: true);
        var json = CommonOptions.Json();
        json.Description = "print one JSON object: entries [{key, value, client, updatedAt}], total, totalBytes";
        var command = new Command("list", "List keys of the contact member's replica in ordinal order: key, writer, time, value (shortened), then the totals.")
        {
            prefix, limit, contacts, json,
        };
        command.SetAction((parse, ct) => ContactClient.RunAsync("akc memory list", parse.GetValue(contacts) ?? [], stderr, client => Guard("akc memory list", stderr, async () =>
        {
            var listing = await client.MemoryListAsync(parse.GetValue(prefix) ?? string.Empty, parse.GetValue(limit), ct);
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(CliJson.Serialize(new
                {
                    entries = listing.Entries.Select(e => new { key = e.Key, value = Parse(e.Entry.Json), client = e.Entry.Client, updatedAt = e.Entry.UpdatedAt }),
                    total = listing.Total,
                    totalBytes = listing.TotalBytes,
                }));
                return AkcApp.ExitOk;
            }

            foreach (var e in listing.Entries)
            {
                var shown = Display(e.Entry.Json).ReplaceLineEndings(" ");
                await stdout.WriteLineAsync($"{e.Key}  {e.Entry.Client}  {e.Entry.UpdatedAt:yyyy-MM-ddTHH:mm:ssZ}  {(shown.Length > 60 ? shown[..57] + "..." : shown)}");
            }

            await stdout.WriteLineAsync($"{listing.Entries.Count} of {listing.Total} keys, {listing.TotalBytes} bytes");
            return AkcApp.ExitOk;
        }), ct));
        return command;
    }

    private static async Task<int> WithKey(string command, string? key, TextWriter stderr, Func<string, Task<int>> action)
    {
        if (MemoryKeys.Problem(key) is { } problem)
        {
            await stderr.WriteLineAsync($"{command}: KEY: {problem}");
            return AkcApp.ExitBadInput;
        }

        return await action(key!);
    }

    private static async Task<int> Guard(string command, TextWriter stderr, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (MemoryRequestException e)
        {
            await stderr.WriteLineAsync($"{command}: {e.Message}");
            return AkcApp.ExitFailed;
        }
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string Display(string json)
    {
        var element = Parse(json);
        return element.ValueKind == JsonValueKind.String ? element.GetString()! : json;
    }

    private static MemoryConsistency Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return MemoryConsistency.Local;
    }
}
