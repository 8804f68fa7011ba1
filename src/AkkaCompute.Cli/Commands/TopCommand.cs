using System.CommandLine;
using System.Globalization;
using AkkaCompute.Cli.Management;
using AkkaCompute.Cli.Top;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// <c>akc top [-e ENDPOINT] [--interval 1s] [--json]</c>: a full-screen dashboard of a running node over its HTTP endpoint
/// (tabs Workers, Tasks, Logs; Tab and Shift+Tab cycle, q quits), or with <c>--json</c> one JSON object of the same data.
/// Exit codes: 0 quit, 1 the node could not be reached, 2 bad input (endpoint, interval, no terminal).
/// </summary>
internal static class TopCommand
{
    /// <summary>The default <c>--interval</c>: 1 s.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    /// <summary>The shortest <c>--interval</c>: 100 ms.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest <c>--interval</c>: 60 s.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(60);

    /// <summary>The <c>top</c> command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var endpoint = ManagementCommandLine.Endpoint();
        var json = new Option<bool>("--json") { Description = "print one JSON object {endpoint, nodes, stats, log} (the node's /api/v1/nodes, /api/v1/stats and /log answers) and exit, for scripts" };
        var interval = new Option<string>("--interval", "-i")
        {
            Description = "time between polls of the shown tab: 100ms to 60s, e.g. 500ms, 2s, 1.5 (seconds); default 1s",
            DefaultValueFactory = _ => "1s",
        };
        var command = new Command(
            "top",
            "A live full-screen view of a running node (akc node) over its HTTP endpoint: tab Workers (the cluster's members, "
            + "status, reachability, a load bar of running and queued tasks), Tasks (counts by state; running tasks first with "
            + "their progress bars, then the latest failures), Logs (the node's last log lines). Tab / Shift+Tab (or the "
            + "arrows, or 1-3) switch tabs, q or Escape quits. Only the shown tab is polled, every --interval. A terminal "
            + "smaller than 60x12 shows a message instead. Needs a terminal; use --json in scripts.")
        {
            endpoint, interval, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!TryParseInterval(parse.GetValue(interval)!, out var every))
            {
                await stderr.WriteLineAsync($"akc top: --interval '{parse.GetValue(interval)}' is not a duration from 100ms to 60s (e.g. 500ms, 2s)");
                return AkcApp.ExitBadInput;
            }

            var wantsJson = parse.GetValue(json);
            if (!wantsJson && (Console.IsInputRedirected || Console.IsOutputRedirected || !ReferenceEquals(stdout, Console.Out)))
            {
                await stderr.WriteLineAsync("akc top: needs a terminal (its input and output are redirected); use akc top --json in scripts");
                return AkcApp.ExitBadInput;
            }

            return await ManagementCommandLine.RunAsync("top", parse.GetValue(endpoint)!, stderr, async client =>
            {
                var source = new TopSource(client);
                if (wantsJson)
                {
                    await stdout.WriteLineAsync(await source.ReadAllJsonAsync(ct));
                    return;
                }

                var first = await source.PollAsync(TopTab.Workers, null, ct);
                await new TopScreen(source, every, stdout).RunAsync(first, ct);
            });
        });
        return command;
    }

    /// <summary>Reads <c>--interval</c>: a number with <c>ms</c> or <c>s</c>, or a bare number of seconds, from 100 ms to 60 s.</summary>
    internal static bool TryParseInterval(string text, out TimeSpan interval)
    {
        interval = default;
        var t = text.Trim();
        var (number, scale) = t.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (t[..^2], 0.001)
            : t.EndsWith('s') || t.EndsWith('S') ? (t[..^1], 1.0)
            : (t, 1.0);
        if (!double.TryParse(number.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return false;
        }

        var seconds = value * scale;
        if (seconds < MinInterval.TotalSeconds || seconds > MaxInterval.TotalSeconds)
        {
            return false;
        }

        interval = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
