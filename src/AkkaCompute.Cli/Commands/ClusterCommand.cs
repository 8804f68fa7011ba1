using System.CommandLine;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// <c>akc cluster show|join|leave|down</c>: operate a running node through its management endpoint, as Petabridge.Cmd's
/// <c>pbm cluster ...</c>. Exit codes: 0 done, 1 the node could not be reached or failed, 2 the input was refused (malformed or
/// unknown address, join while already a member, bad <c>--endpoint</c>).
/// </summary>
internal static class ClusterCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("cluster", "Show and operate the cluster through a node's management endpoint (akc node prints it at start).");
        command.Subcommands.Add(Show(stdout, stderr));
        command.Subcommands.Add(MemberCommand("join", "SEED", "Join this node to the cluster of SEED (akka.tcp://system@host:port).", stdout, stderr));
        command.Subcommands.Add(MemberCommand("leave", "ADDRESS", "Ask the member at ADDRESS (akka.tcp://system@host:port or host:port) to leave gracefully.", stdout, stderr));
        command.Subcommands.Add(MemberCommand("down", "ADDRESS", "Mark the member at ADDRESS Down (it is taken for dead and removed); use for nodes that are gone.", stdout, stderr));
        return command;
    }

    private static Option<string> Endpoint() => new("--endpoint", "-e")
    {
        Description = $"the node's management endpoint (default: $AKC_MANAGEMENT_ENDPOINT, else {ManagementClient.DefaultEndpoint})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("AKC_MANAGEMENT_ENDPOINT") is { Length: > 0 } e ? e : ManagementClient.DefaultEndpoint,
    };

    private static Command Show(TextWriter stdout, TextWriter stderr)
    {
        var endpoint = Endpoint();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show the members, their status and reachability, the leader and this node.") { endpoint, json };
        command.SetAction((parse, ct) => Run("show", parse.GetValue(endpoint)!, stderr, async client =>
        {
            var (status, text) = await client.GetStatusAsync(ct);
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(text);
            }
            else
            {
                ClusterShowView.Write(stdout, status);
            }
        }));
        return command;
    }

    private static Command MemberCommand(string verb, string argumentName, string description, TextWriter stdout, TextWriter stderr)
    {
        var address = new Argument<string>(argumentName) { Description = verb == "join" ? "the seed node's address" : "the member's address" };
        var endpoint = Endpoint();
        var command = new Command(verb, description) { address, endpoint };
        command.SetAction((parse, ct) => Run(verb, parse.GetValue(endpoint)!, stderr, async client =>
        {
            var result = await client.CommandAsync(verb, parse.GetValue(address)!, ct);
            await stdout.WriteLineAsync(result.Message);
        }));
        return command;
    }

    private static async Task<int> Run(string verb, string endpointText, TextWriter stderr, Func<ManagementClient, Task> action)
    {
        if (!ManagementClient.TryParseEndpoint(endpointText, out var endpoint))
        {
            await stderr.WriteLineAsync($"akc cluster {verb}: '{endpointText}' is not an endpoint; give --endpoint http://HOST:PORT");
            return AkcApp.ExitBadInput;
        }

        using var client = new ManagementClient(endpoint);
        try
        {
            await action(client);
            return AkcApp.ExitOk;
        }
        catch (ManagementException e)
        {
            await stderr.WriteLineAsync($"akc cluster {verb}: {e.Message}");
            return e.BadInput ? AkcApp.ExitBadInput : AkcApp.ExitFailed;
        }
    }
}
