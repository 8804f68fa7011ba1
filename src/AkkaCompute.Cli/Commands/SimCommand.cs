using System.CommandLine;
using System.Globalization;
using AkkaCompute.Simulation.Placement;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// <c>akc sim --seed N [--nodes 3-7] [--tasks N] [--bug NAME] [--trace N] [--json]</c>: replays one run of the deterministic
/// simulation of the task-placement protocol (AkkaCompute.Simulation.Placement) and prints its summary; on a violation, the
/// violation, the step, the last protocol events and the faults, with the seed to replay. Exit 0 ok, 1 violation, 2 bad arguments.
/// </summary>
internal static class SimCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var seed = new Option<long>("--seed", "-s") { Description = "the run's seed (any 64-bit integer); the same seed and options replay the same run step for step", Required = true };
        var nodes = new Option<int>("--nodes") { Description = "nodes in the simulated cluster, 3 to 7 (the highest 2 have role gpu)", DefaultValueFactory = _ => 5 };
        var tasks = new Option<int>("--tasks") { Description = "tasks the clients submit during the fault phase, 1 to 100,000", DefaultValueFactory = _ => 300 };
        var bug = new Option<PlacementBug>("--bug") { Description = "run a deliberately broken variant to see the checkers fail: None, AckBeforeReplication, RunAfterDowned", DefaultValueFactory = _ => PlacementBug.None };
        var trace = new Option<int>("--trace") { Description = "how many of the last protocol events to keep and print on a violation (0 for none)", DefaultValueFactory = _ => 40 };
        var json = CommonOptions.Json();
        json.Description = "print one JSON object: seed, ok, violation, message, failureStep, submitted, acknowledged, finished, rejected, duplicateDeliveries, converged, convergenceMs, steps, virtualMs, traceHash, stats, messages, trace, faults";
        var command = new Command(
            "sim",
            "Replay one seeded run of the simulated task-placement protocol: N nodes with a keep-majority membership service, clients submitting batches, " +
            "20 s of crashes, partitions, one-way cuts, message loss, duplication and reordering and graceful leaves, then a heal and up to 30 s for every " +
            "acknowledged task to finish. Checks that no acknowledged task is lost, that no task gets two results, and that a downed node never starts a task " +
            "or records a result. Prints a summary, and on a violation its trace and the seed to replay. Exit 0 ok, 1 violation, 2 bad arguments.")
        {
            seed, nodes, tasks, bug, trace, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            PlacementReport report;
            try
            {
                var options = new PlacementOptions { Nodes = parse.GetValue(nodes), Tasks = parse.GetValue(tasks), Bug = parse.GetValue(bug), TraceCapacity = parse.GetValue(trace) };
                report = await Task.Run(() => PlacementRun.Run(options, parse.GetValue(seed)), ct);
            }
            catch (ArgumentException e)
            {
                await stderr.WriteLineAsync("akc sim: " + e.Message);
                return AkcApp.ExitBadInput;
            }

            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(CliJson.Serialize(ToJson(report)));
            }
            else
            {
                await PrintAsync(stdout, report);
            }

            return report.Ok ? AkcApp.ExitOk : AkcApp.ExitFailed;
        });
        return command;
    }

    private static object ToJson(PlacementReport r) => new
    {
        seed = r.Seed,
        ok = r.Ok,
        violation = r.Violation,
        message = r.ViolationMessage,
        failureStep = r.FailureStep,
        nodes = r.Options.Nodes,
        bug = r.Options.Bug,
        submitted = r.Submitted,
        acknowledged = r.Acknowledged,
        finished = r.Finished,
        rejected = r.Rejected,
        duplicateDeliveries = r.DuplicateDeliveries,
        converged = r.Converged,
        convergenceMs = r.ConvergenceTime?.TotalMilliseconds,
        steps = r.Steps,
        virtualMs = r.VirtualTime.TotalMilliseconds,
        traceHash = r.TraceHash.ToString("x16", CultureInfo.InvariantCulture),
        stats = r.Stats,
        messages = new { sent = r.Counters.MessagesSent, delivered = r.Counters.MessagesDelivered, dropped = r.Counters.MessagesDropped, duplicated = r.Counters.MessagesDuplicated },
        trace = r.Trace,
        faults = r.Faults,
    };

    private static async Task PrintAsync(TextWriter o, PlacementReport r)
    {
        var s = r.Stats;
        var c = CultureInfo.InvariantCulture;
        await o.WriteLineAsync(string.Create(c, $"akc sim: seed {r.Seed}, {r.Options.Nodes} nodes ({r.Options.GpuNodes} gpu), {r.Options.Tasks} tasks{(r.Options.Bug == PlacementBug.None ? "" : ", broken variant " + r.Options.Bug)}"));
        await o.WriteLineAsync(string.Create(c, $"tasks: {r.Submitted} submitted, {r.Acknowledged} acknowledged, {r.Finished} finished, {r.Rejected} rejected at submit, {r.DuplicateDeliveries} duplicate deliveries dropped"));
        await o.WriteLineAsync(string.Create(c, $"protocol: {s.Runs} runs, {s.Retries} retries, {s.DuplicateResults} duplicate results dropped, {s.StartedOnHold} started on hold, {s.HandOffs} hand-offs, {s.Stolen} stolen, {s.Takeovers} home takeovers, {s.Downed} downed, {s.Leaves} leaves"));
        await o.WriteLineAsync(string.Create(c, $"run: {r.Steps} steps, {r.VirtualTime.TotalSeconds:0.0} s virtual, {r.Counters.MessagesSent} messages ({r.Counters.MessagesDropped} dropped, {r.Counters.MessagesDuplicated} duplicated), {r.Faults.Count} faults, trace hash {r.TraceHash:x16}"));
        if (r.Ok)
        {
            await o.WriteLineAsync(string.Create(c, $"ok: every acknowledged task finished {r.ConvergenceTime?.TotalMilliseconds ?? 0:0} ms after the heal; no task lost, none with two results, no downed node ran a task"));
            return;
        }

        await o.WriteLineAsync(string.Create(c, $"VIOLATION {r.Violation}{(r.FailureStep is { } step ? $" at step {step}" : " at the end of the run")} (seed {r.Seed}): {r.ViolationMessage}"));
        if (r.Trace.Count > 0)
        {
            await o.WriteLineAsync($"trace (last {r.Trace.Count} protocol events):");
            foreach (var line in r.Trace)
            {
                await o.WriteLineAsync("  " + line);
            }
        }

        await o.WriteLineAsync($"faults ({r.Faults.Count}):");
        foreach (var line in r.Faults.TakeLast(30))
        {
            await o.WriteLineAsync("  " + line);
        }

        await o.WriteLineAsync(string.Create(c, $"replay: akc sim --seed {r.Seed}{(r.Options.Nodes == 5 ? "" : $" --nodes {r.Options.Nodes}")}{(r.Options.Tasks == 300 ? "" : $" --tasks {r.Options.Tasks}")}{(r.Options.Bug == PlacementBug.None ? "" : $" --bug {r.Options.Bug}")}"));
    }
}
