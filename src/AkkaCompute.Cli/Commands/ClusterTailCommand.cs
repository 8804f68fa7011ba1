using System.CommandLine;
using System.Text.Json;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// <c>akc cluster tail</c>: a live feed of the node's membership, reachability and leader events (the current state first), one line
/// each (<c>TIME member Up ADDRESS</c>, <c>TIME unreachable ADDRESS</c>, ...; with <c>--json</c> one JSON object per line), until
/// Ctrl+C (exit 130, as for any interrupted akc command) or the node stops (exit 1).
/// </summary>
internal static class ClusterTailCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The <c>cluster tail</c> command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var endpoint = ManagementCommandLine.Endpoint();
        var json = CommonOptions.Json();
        var command = new Command("tail", "Follow membership and reachability events live (current state first) until Ctrl+C.") { endpoint, json };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await ManagementCommandLine.RunAsync("cluster tail", parse.GetValue(endpoint)!, stderr, async client =>
                {
                    await client.StreamLinesAsync("cluster/events", async line =>
                    {
                        if (parse.GetValue(json))
                        {
                            await stdout.WriteLineAsync(line);
                        }
                        else if (JsonSerializer.Deserialize<ClusterEventDto>(line, Json) is { } e)
                        {
                            await stdout.WriteLineAsync(e.ToLine());
                        }

                        await stdout.FlushAsync(ct);
                    }, ct);
                    throw new ManagementException("the node ended the feed (it is stopping)", badInput: false);
                });
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return AkcApp.ExitOk;
            }
        });
        return command;
    }
}
