using System.CommandLine;

namespace AkkaCompute.Cli.Commands;

/// <summary><c>akc clock --contact ADDR</c>: the cluster's merkle clock as the contact member sees it.</summary>
internal static class ClockCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var contacts = ContactClient.Option(required: true);
        var json = CommonOptions.Json();
        json.Description = "print one JSON object: head, and entries (node and counter, sorted by node)";
        var command = new Command("clock", "Show the cluster's merkle clock as the contact member sees it: one counter per member (it ticks when the member accepts a batch and when a task it is home to finishes; replicated with Akka.DistributedData, pointwise-max merge) and the head, SHA-256 of the sorted entries, which is stamped on every task at acceptance and places it.")
        {
            contacts, json,
        };
        command.SetAction((parse, ct) => ContactClient.RunAsync("akc clock", parse.GetValue(contacts) ?? [], stderr, async client =>
        {
            var clock = await client.ClockAsync(ct);
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(CliJson.Serialize(new { head = clock.Head, entries = clock.Entries.Select(e => new { node = e.Node, counter = e.Counter }) }));
                return AkcApp.ExitOk;
            }

            foreach (var e in clock.Entries)
            {
                await stdout.WriteLineAsync($"{e.Node}  {e.Counter}");
            }

            await stdout.WriteLineAsync($"head {clock.Head} ({clock.Entries.Count} entries)");
            return AkcApp.ExitOk;
        }, ct));
        return command;
    }
}
