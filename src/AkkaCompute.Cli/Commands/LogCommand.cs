using System.CommandLine;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Commands;

/// <summary><c>akc log peek [--n N]</c>: the node's most recent log lines, oldest first, from its bounded ring (<c>akc.management.log-lines</c>).</summary>
internal static class LogCommand
{
    /// <summary>The <c>log</c> command and its <c>peek</c> subcommand.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var endpoint = ManagementCommandLine.Endpoint();
        var json = CommonOptions.Json();
        var n = new Option<int?>("--n", "-n") { Description = "how many lines, 1 to the node's akc.management.log-lines (default: 100, or all the node keeps when fewer)" };
        var peek = new Command("peek", "Print the node's last N log lines (default 100), oldest first; the node keeps a bounded ring of them (akc.management.log-lines).") { endpoint, json, n };
        peek.SetAction((parse, ct) => ManagementCommandLine.RunAsync("log peek", parse.GetValue(endpoint)!, stderr, async client =>
        {
            var (log, text) = await client.GetAsync<LogPeekDto>(parse.GetValue(n) is { } count ? $"log?n={count}" : "log", ct);
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(text);
                return;
            }

            foreach (var line in log.Lines)
            {
                await stdout.WriteLineAsync(line);
            }
        }));
        return new Command("log", "Read a node's recent log through its management endpoint.") { peek };
    }
}
