namespace AkkaCompute.Simulation;

/// <summary>The outcome of <see cref="PhasedRun.Run"/>.</summary>
/// <param name="Seed">The run seed.</param>
/// <param name="HealedAt">The virtual time at which the safety phase ended and every fault was healed.</param>
/// <param name="Converged">True if the convergence predicate held before the liveness deadline.</param>
/// <param name="ConvergenceTime">Virtual time from the heal until the predicate first held; null if it never did.</param>
/// <param name="Steps">The step number at the end of the run.</param>
/// <param name="Counters">The run's totals at the end.</param>
/// <param name="Faults">The number of faults applied over the whole run (scripted and random, including the final heal and restarts).</param>
public sealed record PhasedRunReport(
    long Seed,
    TimeSpan HealedAt,
    bool Converged,
    TimeSpan? ConvergenceTime,
    long Steps,
    SimulationCounters Counters,
    long Faults);
