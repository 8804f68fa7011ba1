namespace AkkaCompute.Simulation;

/// <summary>
/// The VOPR run shape: a safety phase (random faults on; checkers installed as step hooks
/// check invariants after every step), then a liveness phase (every fault healed, every crashed
/// node restarted; the protocol must converge before a deadline).
/// </summary>
public static class PhasedRun
{
    /// <summary>
    /// Runs the safety phase for <paramref name="safetyDuration"/> of virtual time from
    /// <see cref="Simulation{TMessage}.Now"/>, then stops random faults, heals the network,
    /// restarts crashed nodes, and runs until <paramref name="converged"/> holds or
    /// <paramref name="livenessTimeout"/> passes.
    /// </summary>
    /// <typeparam name="TMessage">The protocol's message type.</typeparam>
    /// <param name="simulation">The simulation (random faults come from its <see cref="SimulationOptions{TMessage}.RandomFaults"/>).</param>
    /// <param name="safetyDuration">How long to run with faults; &gt;= 0.</param>
    /// <param name="livenessTimeout">How long after the heal the protocol has to converge; &gt;= 0.</param>
    /// <param name="converged">The liveness predicate, checked after every step of the liveness phase.</param>
    /// <returns>Whether and when it converged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="simulation"/> or <paramref name="converged"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration is negative.</exception>
    /// <exception cref="SimulationFailureException">A checker or node failed in either phase.</exception>
    public static PhasedRunReport Run<TMessage>(
        Simulation<TMessage> simulation,
        TimeSpan safetyDuration,
        TimeSpan livenessTimeout,
        Func<bool> converged)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(converged);
        ArgumentOutOfRangeException.ThrowIfLessThan(safetyDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(livenessTimeout, TimeSpan.Zero);

        simulation.RunUntil(simulation.Now + safetyDuration);
        simulation.StopRandomFaults();
        simulation.HealAll();
        var healedAt = simulation.Now;
        var ok = simulation.RunUntil(healedAt + livenessTimeout, converged);
        return new PhasedRunReport(
            simulation.Seed,
            healedAt,
            ok,
            ok ? simulation.Now - healedAt : null,
            simulation.StepNumber,
            simulation.Counters,
            simulation.FaultLog.Count + simulation.FaultLogOverflow);
    }
}
