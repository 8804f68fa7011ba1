using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// <c>akc node [--config FILE] [--hostname H] [--port P] [--seed ADDR]... [--roles R,...] [--set key=value]...</c>: runs an Akka.Cluster
/// member (actor system, Akka.Remote, Akka.Cluster with the split-brain resolver, and the management endpoint) until SIGINT or SIGTERM,
/// then leaves the cluster gracefully and exits. The flags are short forms of Akka's keys (<c>akka.remote.dot-netty.tcp.hostname</c>,
/// <c>.port</c>, <c>akka.cluster.seed-nodes</c>, <c>akka.cluster.roles</c>) and win over <c>--set</c>. See <see cref="NodeRunner"/>.
/// </summary>
internal static class NodeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = CommonOptions.Config();
        var set = new Option<string[]>("--set")
        {
            Description = "KEY=VALUE overriding a setting: Akka's keys in full (akka.remote.dot-netty.tcp.port=2553, " +
                "akka.cluster.seed-nodes=[\"akka.tcp://akc@127.0.0.1:2552\"]), ours relative to akc (management.port=8559); repeatable",
        };
        var hostname = new Option<string?>("--hostname") { Description = "host to listen on and be reached at (akka.remote.dot-netty.tcp.hostname; default 127.0.0.1)" };
        var port = new Option<int?>("--port") { Description = "remoting TCP port (akka.remote.dot-netty.tcp.port; default 2552, 0 picks a free one)" };
        var seeds = new Option<string[]>("--seed")
        {
            Description = "a seed node's address, akka.tcp://akc@HOST:PORT (akka.cluster.seed-nodes); repeatable, in the same order on every node",
        };
        var roles = new Option<string?>("--roles") { Description = "comma-separated roles of this node (akka.cluster.roles)" };
        var logLevel = new Option<string>("--log-level")
        {
            Description = "log level on stderr: trace, debug, information, warning, error or none",
            DefaultValueFactory = _ => "information",
        };
        logLevel.AcceptOnlyFromAmong("trace", "debug", "information", "warning", "error", "none");
        var command = new Command("node", "Run a cluster member with the whole compute engine: join the seed nodes, run the tasks placed on it and those submitted to it (akc submit/run --contact), serve the management endpoint (cluster commands, the REST API under /api/v1, its API page at /api and the dashboard at /), leave gracefully on SIGINT/SIGTERM. Each member needs its own data directory: --set storage.data-dir=DIR.")
        {
            config, hostname, port, seeds, roles, set, logLevel,
        };
        command.Subcommands.Add(NodeStatsCommand.Create(stdout, stderr));
        command.Validators.Add(result =>
        {
            foreach (var v in result.GetValue(set) ?? [])
            {
                if (v.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    result.AddError($"--set expects KEY=VALUE, got '{v}'");
                }
            }

            if (result.GetValue(port) is { } p && p is < 0 or > 65535)
            {
                result.AddError($"--port must be 0 to 65535, got {p}");
            }
        });
        command.SetAction((parse, ct) =>
        {
            var overrides = Overrides(parse.GetValue(set) ?? []);
            if (parse.GetValue(hostname) is { } h)
            {
                overrides["akka.remote.dot-netty.tcp.hostname"] = h;
            }

            if (parse.GetValue(port) is { } p)
            {
                overrides["akka.remote.dot-netty.tcp.port"] = p.ToString(CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(seeds) is { Length: > 0 } s)
            {
                overrides["akka.cluster.seed-nodes"] = JsonSerializer.Serialize(s.Select(x => x.Trim()).ToArray());
            }

            if (parse.GetValue(roles) is { } r)
            {
                overrides["akka.cluster.roles"] = JsonSerializer.Serialize(r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            return new NodeRunner(stdout, stderr).RunAsync(parse.GetValue(config)?.FullName, overrides, parse.GetValue(logLevel)!, ct);
        });
        return command;
    }

    private static Dictionary<string, string> Overrides(string[] values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            var eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result[v[..eq].Trim()] = v[(eq + 1)..];
            }
        }

        return result;
    }
}
