namespace AkkaCompute.Simulation;

/// <summary>
/// Everything needed to build the same run again except the seed: the node count, options,
/// node factory, and a setup action that installs checkers (<see cref="Simulation{TMessage}.AddStepHook"/>)
/// and scripted faults (<see cref="Simulation{TMessage}.Schedule"/>). A failure found with one
/// seed is reproduced with <see cref="Replay"/> or <see cref="ReplayBefore"/>.
/// </summary>
/// <typeparam name="TMessage">The protocol's message type.</typeparam>
/// <param name="NodeCount">The number of nodes, 1 to <see cref="SimulationLimits.NodeCountMax"/>.</param>
/// <param name="Options">The run options.</param>
/// <param name="Factory">Creates node incarnations; must be deterministic.</param>
/// <param name="Setup">Optional: runs on each new simulation before any step (install checkers and scheduled faults here). Default null.</param>
public sealed record SimulationScenario<TMessage>(
    int NodeCount,
    SimulationOptions<TMessage> Options,
    NodeFactory<TMessage> Factory,
    Action<Simulation<TMessage>>? Setup = null)
{
    /// <summary>Builds a fresh simulation with the given seed and runs <see cref="Setup"/> on it.</summary>
    /// <param name="seed">The run seed.</param>
    /// <returns>The simulation, at step 0.</returns>
    /// <exception cref="ArgumentException">The node count or an option is invalid (see the <see cref="Simulation{TMessage}"/> constructor).</exception>
    public Simulation<TMessage> Create(long seed)
    {
        var simulation = new Simulation<TMessage>(NodeCount, seed, Options, Factory);
        Setup?.Invoke(simulation);
        return simulation;
    }

    /// <summary>Builds the run with <paramref name="seed"/> and runs it until <paramref name="untilStep"/> steps have run.</summary>
    /// <param name="seed">The run seed.</param>
    /// <param name="untilStep">The number of steps to run (0 runs none).</param>
    /// <returns>The simulation, at step <paramref name="untilStep"/> (or earlier if the queue ran dry).</returns>
    /// <exception cref="SimulationFailureException">The run failed at or before <paramref name="untilStep"/>.</exception>
    public Simulation<TMessage> Replay(long seed, long untilStep)
    {
        var simulation = Create(seed);
        simulation.RunSteps(untilStep);
        return simulation;
    }

    /// <summary>
    /// Rebuilds a failed run and stops just before the failing step, so that the next
    /// <see cref="Simulation{TMessage}.Step"/> reproduces the failure (e.g. under a debugger).
    /// </summary>
    /// <param name="failure">The failure to reproduce.</param>
    /// <returns>The simulation at step <c>failure.Step - 1</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="failure"/> is null.</exception>
    public Simulation<TMessage> ReplayBefore(SimulationFailureException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Replay(failure.Seed, failure.Step - 1);
    }
}
