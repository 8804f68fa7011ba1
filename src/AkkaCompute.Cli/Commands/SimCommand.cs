using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// <c>akc sim --nodes N --seed S [--faults none|partition|crash|all] [--duration 60s] [--json]</c>: runs the real membership protocol
/// for N simulated nodes in this process, on virtual time, under seeded faults, with every safety check after every step, and prints
/// convergence times, traffic per node, and on a violation the seed and the step that reproduce it (exit code 1).
/// </summary>
internal static class SimCommand
{
    /// <summary>The most nodes a run may have.</summary>
    public const int NodesMax = 10_000;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var nodes = new Option<int>("--nodes", "-n")
        {
            Description = $"number of simulated nodes, 1 to {NodesMax} (node i is akc.tcp://sim@n<i>:2552)",
            DefaultValueFactory = _ => 5,
        };
        var seed = new Option<long>("--seed", "-s")
        {
            Description = "the run seed: the same seed and options give the same run, message for message",
            DefaultValueFactory = _ => 1,
        };
        var faults = new Option<string>("--faults", "-f")
        {
            Description = "none: join and converge; partition: partitions, isolations, one-way partitions; crash: crashes and restarts "
                + "(new uids); all: both, plus operator leave/down commands. Faults also bring 1% message loss, duplication and reordering",
            DefaultValueFactory = _ => "none",
        };
        faults.AcceptOnlyFromAmong(SimRunner.FaultModes);
        var duration = new Option<TimeSpan>("--duration", "-d")
        {
            Description = "simulated time with faults (or, with --faults none, the whole run), e.g. 60s, 2m, 500ms; 1 ms to 24 h",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(60),
            CustomParser = ParseDuration,
        };
        var liveness = new Option<TimeSpan>("--liveness")
        {
            Description = "after the faults stop and the network heals, how long the cluster has to converge (all members Up, one view, "
                + "nobody unreachable); 1 ms to 24 h",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(120),
            CustomParser = ParseDuration,
        };
        var profile = new Option<string>("--profile")
        {
            Description = "membership timings: default (Akka's: gossip and heartbeat 1 s, stable-after 20 s) or fast (about 2 to 5 times "
                + "quicker: 500 ms gossip and heartbeats, 1 s acceptable pause, stable-after 4 s)",
            DefaultValueFactory = _ => "default",
        };
        profile.AcceptOnlyFromAmong("default", "fast");
        var seeds = new Option<int>("--seed-nodes")
        {
            Description = "how many of the first nodes are seed nodes (n0 first), 1 to --nodes",
            DefaultValueFactory = _ => 3,
        };
        var json = CommonOptions.Json();
        var command = new Command("sim", "Simulate a cluster of N nodes running the real membership protocol (seed-node join, gossip, "
            + "phi-accrual failure detection, leader actions, keep-majority split-brain resolver) on virtual time with seeded faults. "
            + "Safety is checked after every step (statuses only move forward; a downed or removed member never comes back; one leader "
            + "per converged view; under keep-majority the two sides of a partition never both survive); after the fault phase "
            + "everything heals and the cluster must converge. Prints convergence times and messages and bytes per node per second; on "
            + "a violation prints the seed and the step to reproduce it and exits with 1.")
        {
            nodes, seed, faults, duration, liveness, profile, seeds, json,
        };
        command.SetAction((parse, ct) =>
        {
            // Checked here, not in a validator: a validator does not see the options' default values.
            var n = parse.GetValue(nodes);
            var s = parse.GetValue(seeds);
            if (n is < 1 or > NodesMax || s < 1 || s > n)
            {
                stderr.WriteLine(n is < 1 or > NodesMax
                    ? $"akc sim: --nodes must be 1 to {NodesMax}, got {n}"
                    : $"akc sim: --seed-nodes must be 1 to --nodes ({n}), got {s}");
                return Task.FromResult(AkcApp.ExitBadInput);
            }

            var request = new SimRequest(
                n,
                parse.GetValue(seed),
                parse.GetValue(faults)!,
                parse.GetValue(duration),
                parse.GetValue(liveness),
                parse.GetValue(profile) == "fast",
                s,
                parse.GetValue(json));
            return Task.FromResult(SimRunner.Run(request, stdout, stderr, ct));
        });
        return command;
    }

    /// <summary>Parses <c>500ms</c>, <c>60s</c>, <c>2m</c>, <c>1h</c> or a bare number of seconds; 1 ms to 24 h.</summary>
    internal static TimeSpan ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value.Trim();
        if (TryParseDuration(text, out var value) && value >= TimeSpan.FromMilliseconds(1) && value <= TimeSpan.FromHours(24))
        {
            return value;
        }

        result.AddError($"'{text}' is not a duration from 1 ms to 24 h (e.g. 500ms, 60s, 2m, 1h)");
        return TimeSpan.Zero;
    }

    internal static bool TryParseDuration(string text, out TimeSpan value)
    {
        (string Suffix, double Ms)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, ms) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) &&
                double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n))
            {
                value = TimeSpan.FromMilliseconds(Math.Clamp(n * ms, -1e12, 1e12));
                return true;
            }
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            value = TimeSpan.FromMilliseconds(Math.Clamp(seconds * 1000, -1e12, 1e12));
            return true;
        }

        value = TimeSpan.Zero;
        return false;
    }
}
