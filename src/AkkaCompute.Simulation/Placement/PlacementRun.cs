using System.Globalization;

namespace AkkaCompute.Simulation.Placement;

/// <summary>
/// Runs the placement protocol under the simulator, VOPR style (<see cref="PhasedRun"/>): a safety phase with random faults,
/// scripted client batches and graceful leaves, the checkers installed as step hooks; then a liveness phase (faults off,
/// network healed, crashed nodes restarted) in which every acknowledged task must finish within
/// <see cref="PlacementOptions.LivenessTimeout"/>; then an end-of-run check that no acknowledged task was lost.
/// </summary>
public static class PlacementRun
{
    /// <summary>Runs one seed and reports what happened; never throws for a protocol violation (it is in the report).</summary>
    /// <param name="options">The run's shape; validated first.</param>
    /// <param name="seed">The seed; the same seed and options replay the same run step for step.</param>
    /// <returns>The report; <see cref="PlacementReport.Ok"/> is false on a violation.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static PlacementReport Run(PlacementOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (sim, world) = Build(options, seed);
        PlacementViolationException? violation = null;
        long? failureStep = null;
        PhasedRunReport? phased = null;
        try
        {
            phased = PhasedRun.Run(sim, options.SafetyDuration, options.LivenessTimeout, () => Converged(world));
            violation = FinalCheck(world, sim, phased.Converged);
        }
        catch (SimulationFailureException failure)
        {
            failureStep = failure.Step;
            violation = failure.InnerException as PlacementViolationException
                ?? new PlacementViolationException(PlacementViolationKind.Crashed, failure.Message + Environment.NewLine + failure.InnerException);
        }

        return new PlacementReport
        {
            Seed = seed,
            Options = options,
            Violation = violation?.Kind,
            ViolationMessage = violation?.Message,
            FailureStep = failureStep,
            Submitted = world.Client.Submitted,
            Acknowledged = world.Client.Acked,
            Finished = world.Client.DeliveredAcked,
            Rejected = world.Client.Rejected,
            DuplicateDeliveries = world.Client.DuplicateDeliveries,
            Stats = world.Stats,
            Converged = phased?.Converged ?? false,
            ConvergenceTime = phased?.ConvergenceTime,
            Steps = sim.StepNumber,
            VirtualTime = sim.Now,
            TraceHash = sim.TraceHash,
            Counters = sim.Counters,
            Faults = sim.FaultLog.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Time.TotalMilliseconds,9:0.0} ms  step {f.Step}  {f.Description}")).ToList(),
            Trace = world.Trace.ToList(),
        };
    }

    /// <summary>Builds the simulation and its world at step 0: nodes, membership service, checkers, workload.</summary>
    internal static (Simulation<Envelope> Simulation, PlacementWorld World) Build(PlacementOptions options, long seed)
    {
        options.Validate();
        var world = new PlacementWorld(options, seed);
        var simOptions = new SimulationOptions<Envelope> { Network = options.Network, RandomFaults = options.Faults };
        var sim = new Simulation<Envelope>(options.Nodes, seed, simOptions, (id, uid) => new PlacementNode(world, id.Index, uid));
        world.Sim = sim;
        sim.AddStepHook(world.Checker.AfterStep);
        sim.Schedule(TimeSpan.Zero, world.Membership.Tick);
        PlacementWorkload.Install(world, sim);
        return (sim, world);
    }

    /// <summary>Liveness: every batch was taken and every acknowledged task's result reached the client.</summary>
    internal static bool Converged(PlacementWorld world) =>
        world.Client.DeliveredAcked == world.Client.Acked && world.Inbox.All(q => q.Count == 0);

    /// <summary>
    /// At the end: every acknowledged task has a result on a live member (its home or a replica). An acknowledged task that
    /// no live member even holds is lost; one that is held but has no result did not finish in time.
    /// </summary>
    internal static PlacementViolationException? FinalCheck(PlacementWorld world, Simulation<Envelope> sim, bool converged)
    {
        var live = world.Membership.Members
            .Where(m => sim.IsUp(new NodeId(m.Node)) && sim.GetUid(new NodeId(m.Node)) == m.Uid && !world.Membership.IsDowned(m.Uid))
            .Select(m => sim.GetNode(new NodeId(m.Node)))
            .OfType<PlacementNode>()
            .ToList();
        string? unfinished = null;
        foreach (var id in world.Client.AckedInOrder)
        {
            if (live.Any(n => n.HoldsResult(id)))
            {
                continue;
            }

            if (world.Client.IsDelivered(id))
            {
                return new PlacementViolationException(PlacementViolationKind.AckedTaskLost, $"{id} finished, but no live member holds its result any more");
            }

            if (!live.Any(n => n.HoldsRecord(id)))
            {
                return new PlacementViolationException(PlacementViolationKind.AckedTaskLost, $"{id} was acknowledged but no live member holds it or its result");
            }

            unfinished ??= id;
        }

        return unfinished is not null || !converged
            ? new PlacementViolationException(
                PlacementViolationKind.NotFinished,
                string.Create(CultureInfo.InvariantCulture, $"{world.Client.Acked - world.Client.DeliveredAcked} acknowledged task(s) unfinished {world.Options.LivenessTimeout.TotalSeconds} s after the heal (first: {unfinished ?? "a batch never taken"})"))
            : null;
    }
}
