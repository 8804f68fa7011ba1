using System.CommandLine;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// <c>akc node --config FILE [--set key=value]...</c>: runs a cluster node (actor system, remoting, cluster membership and the
/// management endpoint) until SIGINT or SIGTERM, then leaves the cluster gracefully and exits. See <see cref="NodeRunner"/>.
/// </summary>
internal static class NodeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = CommonOptions.Config();
        var set = new Option<string[]>("--set")
        {
            Description = "KEY=VALUE overriding a setting, key relative to akc (e.g. remote.port=2553, cluster.seed-nodes=[\"akc.tcp://akc@127.0.0.1:2552\"]); repeatable",
        };
        var logLevel = new Option<string>("--log-level")
        {
            Description = "log level on stderr: trace, debug, information, warning, error or none",
            DefaultValueFactory = _ => "information",
        };
        logLevel.AcceptOnlyFromAmong("trace", "debug", "information", "warning", "error", "none");
        var command = new Command("node", "Run a cluster node: join the seed nodes, serve the management endpoint, leave gracefully on SIGINT/SIGTERM.")
        {
            config, set, logLevel,
        };
        command.Validators.Add(result =>
        {
            foreach (var v in result.GetValue(set) ?? [])
            {
                if (v.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    result.AddError($"--set expects KEY=VALUE, got '{v}'");
                }
            }
        });
        command.SetAction((parse, ct) => new NodeRunner(stdout, stderr).RunAsync(
            parse.GetValue(config)?.FullName,
            Overrides(parse.GetValue(set) ?? []),
            parse.GetValue(logLevel)!,
            ct));
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
