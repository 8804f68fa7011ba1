using System.CommandLine;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// <c>akc cluster show|leader|unreachable|tail|join|leave|down|down-unreachable</c>: operate a running node through its management
/// endpoint, as Petabridge.Cmd's <c>pbm cluster ...</c>. Commands that change the cluster send the node's token
/// (<c>--token-file FILE</c> or <c>AKC_TOKEN</c>). Exit codes: see <see cref="ManagementCommandLine"/>.
/// </summary>
internal static class ClusterCommand
{
    /// <summary>The <c>cluster</c> command and its subcommands.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("cluster", "Show and operate the cluster through a node's management endpoint (akc node prints it at start; default port 9110).");
        command.Subcommands.Add(Show(stdout, stderr));
        command.Subcommands.Add(Leader(stdout, stderr));
        command.Subcommands.Add(Unreachable(stdout, stderr));
        command.Subcommands.Add(ClusterTailCommand.Create(stdout, stderr));
        command.Subcommands.Add(MemberCommand("join", "SEED", "Join this node to the cluster of SEED (akka.tcp://system@host:port). Needs the node's token.", required: true, stdout, stderr));
        command.Subcommands.Add(MemberCommand("leave", "ADDRESS", "Ask the member at ADDRESS (akka.tcp://system@host:port or host:port; default: the node answering) to leave gracefully. Needs the node's token.", required: false, stdout, stderr));
        command.Subcommands.Add(MemberCommand("down", "ADDRESS", "Mark the member at ADDRESS Down (it is taken for dead and removed); use for nodes that are gone. Needs the node's token.", required: true, stdout, stderr));
        command.Subcommands.Add(DownUnreachable(stdout, stderr));
        return command;
    }

    private static Command Show(TextWriter stdout, TextWriter stderr)
    {
        var endpoint = ManagementCommandLine.Endpoint();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show one line per member (address, roles, status, reachability, leader, app version, age, uid), then 'N members (...)'.") { endpoint, json };
        command.SetAction((parse, ct) => ManagementCommandLine.RunAsync("cluster show", parse.GetValue(endpoint)!, stderr, async client =>
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

    private static Command Leader(TextWriter stdout, TextWriter stderr)
    {
        var endpoint = ManagementCommandLine.Endpoint();
        var json = CommonOptions.Json();
        var command = new Command("leader", "Print the leader's address as the node sees it ('none' when there is none); --json: {\"leader\": ADDRESS or null}.") { endpoint, json };
        command.SetAction((parse, ct) => ManagementCommandLine.RunAsync("cluster leader", parse.GetValue(endpoint)!, stderr, async client =>
        {
            var (status, _) = await client.GetStatusAsync(ct);
            await stdout.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(new { leader = status.Leader }) : status.Leader ?? "none");
        }));
        return command;
    }

    private static Command Unreachable(TextWriter stdout, TextWriter stderr)
    {
        var endpoint = ManagementCommandLine.Endpoint();
        var json = CommonOptions.Json();
        var command = new Command("unreachable", "List the members the node sees unreachable, one 'ADDRESS (observed by ...)' per line, then 'N unreachable'; --json: the list.") { endpoint, json };
        command.SetAction((parse, ct) => ManagementCommandLine.RunAsync("cluster unreachable", parse.GetValue(endpoint)!, stderr, async client =>
        {
            var (status, _) = await client.GetStatusAsync(ct);
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(CliJson.Serialize(status.Unreachable));
                return;
            }

            foreach (var u in status.Unreachable)
            {
                await stdout.WriteLineAsync(u.ObservedBy.Count == 0 ? u.Address : $"{u.Address} (observed by {string.Join(", ", u.ObservedBy)})");
            }

            await stdout.WriteLineAsync($"{status.Unreachable.Count} unreachable");
        }));
        return command;
    }

    private static Command MemberCommand(string verb, string argumentName, string description, bool required, TextWriter stdout, TextWriter stderr)
    {
        var address = new Argument<string?>(argumentName)
        {
            Description = verb == "join" ? "the seed node's address" : "the member's address",
            Arity = required ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne,
        };
        var endpoint = ManagementCommandLine.Endpoint();
        var json = CommonOptions.Json();
        var tokenFile = ManagementCommandLine.TokenFile();
        var command = new Command(verb, description) { address, endpoint, json, tokenFile };
        command.SetAction((parse, ct) => ManagementCommandLine.RunAsync("cluster " + verb, parse.GetValue(endpoint)!, stderr, async client =>
        {
            var target = parse.GetValue(address) ?? (await client.GetStatusAsync(ct)).Status.Self;
            var result = await client.CommandAsync(verb, target, ct);
            await stdout.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(result) : result.Message);
        }, withToken: true, parse.GetValue(tokenFile)));
        return command;
    }

    private static Command DownUnreachable(TextWriter stdout, TextWriter stderr)
    {
        var endpoint = ManagementCommandLine.Endpoint();
        var json = CommonOptions.Json();
        var tokenFile = ManagementCommandLine.TokenFile();
        var command = new Command("down-unreachable", "Mark every member the node sees unreachable Down (the leader then removes them). Needs the node's token.") { endpoint, json, tokenFile };
        command.SetAction((parse, ct) => ManagementCommandLine.RunAsync("cluster down-unreachable", parse.GetValue(endpoint)!, stderr, async client =>
        {
            var (result, text) = await client.PostAsync<DownedDto>("cluster/down-unreachable", ct);
            await stdout.WriteLineAsync(parse.GetValue(json) ? text : result.Message);
        }, withToken: true, parse.GetValue(tokenFile)));
        return command;
    }
}
