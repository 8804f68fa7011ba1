using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Simulation;
using AkkaCompute.Simulation.Cluster;
using Spectre.Console;

namespace AkkaCompute.Cli.Commands;

/// <summary>What <c>akc sim</c> was asked to do.</summary>
/// <param name="Nodes">The node count.</param>
/// <param name="Seed">The run seed.</param>
/// <param name="Faults">One of <see cref="SimRunner.FaultModes"/>.</param>
/// <param name="Duration">The fault phase (or the whole run without faults).</param>
/// <param name="Liveness">How long after the heal the cluster has to converge.</param>
/// <param name="Fast">Use <see cref="ClusterSimOptions.FastProfile"/> instead of Akka's defaults.</param>
/// <param name="SeedNodes">How many of the first nodes are seeds.</param>
/// <param name="Json">Print one JSON object instead of text.</param>
internal sealed record SimRequest(int Nodes, long Seed, string Faults, TimeSpan Duration, TimeSpan Liveness, bool Fast, int SeedNodes, bool Json);

/// <summary>Runs one <c>akc sim</c> request and prints its outcome.</summary>
internal static class SimRunner
{
    public static readonly string[] FaultModes = ["none", "partition", "crash", "all"];

    public static int Run(SimRequest request, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var (options, simulationOptions) = Build(request);
        var run = ClusterSimulation.Create(request.Nodes, request.Seed, options, simulationOptions);
        TimeSpan? firstConverged = null;
        run.Simulation.AddStepHook(info =>
        {
            ct.ThrowIfCancellationRequested();
            if (firstConverged is null && run.IsConverged)
            {
                firstConverged = info.Time;
            }
        });

        var clock = Stopwatch.StartNew();
        ClusterSimReport? report = null;
        SimulationFailureException? failure = null;
        try
        {
            if (request.Faults == "none")
            {
                report = run.RunJoin(request.Duration);
                run.Simulation.RunUntil(request.Duration);
                report = report with { EndedAt = run.Simulation.Now, Steps = run.Simulation.StepNumber, Counters = run.Simulation.Counters };
            }
            else
            {
                report = run.RunPhased(request.Liveness);
            }
        }
        catch (SimulationFailureException f) when (f.InnerException is OperationCanceledException)
        {
            stderr.WriteLine("akc sim: cancelled at step " + f.Step.ToString(CultureInfo.InvariantCulture));
            return AkcApp.ExitFailed;
        }
        catch (SimulationFailureException f)
        {
            failure = f;
        }

        var wall = clock.Elapsed;
        var outcome = new SimOutcome(request, run, report, failure, firstConverged, wall);
        if (request.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(outcome.ToJson()));
        }
        else
        {
            outcome.Print(stdout);
        }

        return outcome.Ok ? AkcApp.ExitOk : AkcApp.ExitFailed;
    }

    /// <summary>The cluster and simulation options for a request (everything but the seed, so a run is reproduced by its flags).</summary>
    internal static (ClusterSimOptions Cluster, SimulationOptions<ClusterMessage> Simulation) Build(SimRequest request)
    {
        var scale = request.Fast ? 1.0 : 2.5;
        var partitions = request.Faults is "partition" or "all" ? 1.0 : 0.0;
        var crashes = request.Faults is "crash" or "all" ? 1.0 : 0.0;
        FaultOptions? faults = request.Faults == "none" ? null : new FaultOptions
        {
            FaultIntervalMsMean = scale * 3_000,
            HealAfterMsMean = scale * 4_000,
            RestartAfterMsMean = scale * 3_000,
            PartitionWeight = partitions,
            IsolateWeight = partitions,
            OneWayPartitionWeight = partitions * 0.5,
            CrashWeight = crashes,
            CrashedNodesMax = Math.Max(1, request.Nodes / 10),
        };
        var network = faults is null
            ? new NetworkOptions()
            : new NetworkOptions
            {
                Latency = LatencyDistribution.Exponential(1, 2, 200),
                LossProbability = 0.01,
                DuplicationProbability = 0.005,
                ReorderProbability = 0.05,
            };
        var cluster = new ClusterSimOptions
        {
            Settings = request.Fast ? ClusterSimOptions.FastProfile : ClusterSimOptions.DefaultProfile,
            SeedCount = request.SeedNodes,
            FaultPhase = faults is null ? null : request.Duration,
            OperatorCommandIntervalMsMean = request.Faults == "all" ? scale * 8_000 : null,
        };
        return (cluster, new SimulationOptions<ClusterMessage> { Network = network, RandomFaults = faults });
    }

    private sealed record SimOutcome(SimRequest Request, ClusterSimulation Run, ClusterSimReport? Report, SimulationFailureException? Failure, TimeSpan? FirstConverged, TimeSpan Wall)
    {
        public bool Ok => Failure is null && Report is { Converged: true };

        private string Reproduce => string.Create(CultureInfo.InvariantCulture,
            $"akc sim --nodes {Request.Nodes} --seed {Request.Seed} --faults {Request.Faults} --duration {Request.Duration.TotalMilliseconds}ms --liveness {Request.Liveness.TotalMilliseconds}ms --profile {(Request.Fast ? "fast" : "default")} --seed-nodes {Request.SeedNodes}");

        private SimulationCounters Counters => Report?.Counters ?? Run.Simulation.Counters;

        private double SimulatedSeconds => Math.Max(1e-9, Run.Simulation.Now.TotalSeconds);

        private double PerNodePerSecond(long total) => total / (Request.Nodes * SimulatedSeconds);

        public object ToJson() => new
        {
            nodes = Request.Nodes,
            seed = Request.Seed,
            faults = Request.Faults,
            profile = Request.Fast ? "fast" : "default",
            durationS = Request.Duration.TotalSeconds,
            ok = Ok,
            firstConvergedS = FirstConverged?.TotalSeconds,
            healedAtS = Report is { } r && Request.Faults != "none" ? r.HealedAt.TotalSeconds : (double?)null,
            convergedAfterHealS = Request.Faults != "none" ? Report?.ConvergenceTime?.TotalSeconds : null,
            converged = Report?.Converged ?? false,
            simulatedS = Run.Simulation.Now.TotalSeconds,
            steps = Run.Simulation.StepNumber,
            msgsPerNodePerS = PerNodePerSecond(Counters.MessagesSent),
            bytesPerNodePerS = PerNodePerSecond(Counters.BytesSent),
            droppedFraction = Counters.MessagesSent == 0 ? 0 : (double)Counters.MessagesDropped / Counters.MessagesSent,
            faultsApplied = Run.Simulation.FaultLog.Count + Run.Simulation.FaultLogOverflow,
            stops = Report?.Stops,
            restarts = Report?.SupervisorRestarts,
            operatorCommands = Report?.OperatorCommands,
            wallS = Wall.TotalSeconds,
            simSecondsPerWallSecond = SimulatedSeconds / Math.Max(1e-9, Wall.TotalSeconds),
            violation = Failure is null ? null : new
            {
                property = (Failure.InnerException as ClusterSafetyViolationException)?.Property ?? Failure.InnerException?.GetType().Name,
                step = Failure.Step,
                timeS = Failure.Time.TotalSeconds,
                message = Failure.InnerException?.Message,
                reproduce = Reproduce + " (fails at step " + Failure.Step.ToString(CultureInfo.InvariantCulture) + ")",
            },
            notConverged = Failure is null && Report is { Converged: false } ? new { reproduce = Reproduce } : null,
        };

        public void Print(TextWriter stdout)
        {
            var console = CliConsole.Create(stdout);
            var table = new Table().HideHeaders().AddColumn("what").AddColumn("value");
            table.AddRow("cluster", Escape($"{Request.Nodes} nodes, {Request.SeedNodes} seed nodes, seed {Request.Seed}, {(Request.Fast ? "fast" : "default")} profile, faults {Request.Faults}"));
            table.AddRow("first convergence", FirstConverged is { } first ? $"{Seconds(first)} after start" : "never");
            if (Request.Faults != "none" && Report is { } r)
            {
                table.AddRow("faults", Escape($"{Seconds(Request.Duration)} of faults: {Run.Simulation.FaultLog.Count + Run.Simulation.FaultLogOverflow} applied, {r.Stops} nodes stopped (downed, removed or left), {r.SupervisorRestarts} restarted, {r.OperatorCommands} operator commands"));
                table.AddRow("after the heal", r.Converged ? $"converged in {Seconds(r.ConvergenceTime!.Value)} (healed at {Seconds(r.HealedAt)})" : $"[red]did not converge within {Seconds(Request.Liveness)}[/]");
            }

            table.AddRow("traffic", Escape(string.Create(CultureInfo.InvariantCulture, $"{PerNodePerSecond(Counters.MessagesSent):F1} msgs/node/s, {PerNodePerSecond(Counters.BytesSent) / 1024:F1} KiB/node/s sent; {Percent(Counters.MessagesDropped, Counters.MessagesSent)} dropped")));
            table.AddRow("run", Escape(string.Create(CultureInfo.InvariantCulture, $"{Run.Simulation.StepNumber:N0} steps, {Seconds(Run.Simulation.Now)} simulated in {Wall.TotalSeconds:F1} s ({SimulatedSeconds / Math.Max(1e-9, Wall.TotalSeconds):F1} simulated s per s)")));
            table.AddRow("safety", Failure is null ? "no violation" : "[red]VIOLATION[/]");
            console.Write(table);
            if (Failure is not null)
            {
                console.MarkupLine($"[red]{Escape(Failure.Message)}[/]");
                console.WriteLine($"reproduce: {Reproduce}  (fails at step {Failure.Step.ToString(CultureInfo.InvariantCulture)})");
            }
            else if (Report is { Converged: false })
            {
                console.WriteLine($"liveness failed; reproduce: {Reproduce}");
            }
        }

        private static string Escape(string text) => Markup.Escape(text);

        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";

        private static string Percent(long part, long whole) =>
            (whole == 0 ? 0 : 100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + " %";
    }
}
