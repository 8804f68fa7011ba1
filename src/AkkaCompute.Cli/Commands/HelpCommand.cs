using System.CommandLine;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// <c>akc help [-e URL]</c>: lists akc's commands, then what the node at the endpoint supports (<c>GET /ops</c>): each operation's akc
/// command, HTTP method and path, and whether it needs the token; and whether the node has a token configured. A node that does not
/// answer is reported on stderr (exit 1) after the command list.
/// </summary>
internal static class HelpCommand
{
    /// <summary>The <c>help</c> command; <paramref name="root"/> gives the command list.</summary>
    public static Command Create(RootCommand root, TextWriter stdout, TextWriter stderr)
    {
        var endpoint = ManagementCommandLine.Endpoint();
        var json = CommonOptions.Json();
        var command = new Command("help", "List akc's commands and the operations the node at --endpoint supports (akc COMMAND --help for one command).") { endpoint, json };
        command.SetAction(async (parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            if (!asJson)
            {
                await stdout.WriteLineAsync("akc commands (akc COMMAND --help for details):");
                foreach (var c in root.Subcommands.Where(c => !c.Hidden))
                {
                    await stdout.WriteLineAsync($"  {c.Name,-10} {FirstSentence(c.Description)}");
                }

                await stdout.WriteLineAsync();
            }

            return await ManagementCommandLine.RunAsync("help", parse.GetValue(endpoint)!, stderr, async client =>
            {
                var (ops, text) = await client.GetAsync<OpsIndexDto>("ops", ct);
                if (asJson)
                {
                    await stdout.WriteLineAsync(text);
                    return;
                }

                await stdout.WriteLineAsync($"the node {ops.Node} at {client.Endpoint} supports (token {(ops.TokenConfigured ? "configured" : "not configured: writes are refused")}):");
                foreach (var op in ops.Commands)
                {
                    var name = op.Command.StartsWith('(') ? op.Command : "akc " + op.Command;
                    await stdout.WriteLineAsync($"  {name,-44} {op.Method,-4} {op.Path,-26}{(op.NeedsToken ? " [token]" : "")}  {op.Description}");
                }
            });
        });
        return command;
    }

    /// <summary>The text up to its first ". " (the whole text when it has none).</summary>
    internal static string FirstSentence(string? text)
    {
        var t = text ?? "";
        var end = t.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? t : t[..(end + 1)];
    }
}
