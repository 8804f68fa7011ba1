using AkkaCompute.Actors;
using AkkaCompute.Cluster;
using AkkaCompute.Cluster.Protocol;

namespace AkkaCompute.Simulation.Cluster;

/// <summary>
/// A simulated cluster: <see cref="Simulation{TMessage}"/> of <see cref="ClusterSimNode"/>s running the real
/// <see cref="ClusterCore"/>, with the safety checker (<see cref="ClusterSafetyChecker"/>) and the convergence tracker
/// (<see cref="ClusterConvergence"/>) run after every step. The same node count, seed and options give the same run; a failure is a
/// <see cref="SimulationFailureException"/> naming the seed and the step, reproduced by <see cref="Replay"/>.
/// </summary>
/// <remarks>
/// Typical use: <c>ClusterSimulation.Create(n, seed, options with { FaultPhase = ... }, simOptions).RunPhased(livenessBound)</c> runs
/// with the random faults of <see cref="SimulationOptions{TMessage}.RandomFaults"/> (and random operator commands) until the fault
/// phase ends, when they stop, the network heals and crashed nodes restart, and then until the cluster converges or the bound passes.
/// Everything that shapes the run is scheduled when it is built, so <see cref="Replay"/> reproduces any step.
/// </remarks>
public sealed class ClusterSimulation
{
    private readonly ClusterSimWorld _world;

    private ClusterSimulation(int nodeCount, long seed, ClusterSimOptions options, SimulationOptions<ClusterMessage> simulationOptions)
    {
        _world = new ClusterSimWorld(nodeCount, seed, options);
        Simulation = new Simulation<ClusterMessage>(nodeCount, seed, simulationOptions, _world.CreateNode);
        _world.Attach(Simulation);
    }

    /// <summary>The underlying simulation (for scripted faults, counters, the trace hash).</summary>
    public Simulation<ClusterMessage> Simulation { get; }

    /// <summary>The options of this run.</summary>
    public ClusterSimOptions Options => _world.Options;

    /// <summary>The node count.</summary>
    public int NodeCount => _world.NodeCount;

    /// <summary>The safety checker of this run.</summary>
    public ClusterSafetyChecker Safety => _world.Safety;

    /// <summary>The convergence tracker of this run.</summary>
    public ClusterConvergence Convergence => _world.Convergence;

    /// <summary>True when the cluster has converged (see <see cref="ClusterConvergence.IsConverged"/>).</summary>
    public bool IsConverged => _world.Convergence.IsConverged();

    /// <summary>The address of node <paramref name="node"/>: <c>akc.tcp://sim@n{node}:2552</c>.</summary>
    /// <param name="node">The node index, &gt;= 0.</param>
    /// <returns>The address.</returns>
    public static Address AddressOf(int node) =>
        new("akc.tcp", "sim", "n" + node.ToString(System.Globalization.CultureInfo.InvariantCulture), 2552);

    /// <summary>Builds a run. Nothing runs until a run method is called.</summary>
    /// <param name="nodeCount">The number of nodes, 1 to <see cref="SimulationLimits.NodeCountMax"/>.</param>
    /// <param name="seed">The run seed.</param>
    /// <param name="options">The cluster options; null means <c>new ClusterSimOptions()</c>.</param>
    /// <param name="simulationOptions">Network and fault options; null means a perfect 1-5 ms network without faults. When
    /// <see cref="SimulationOptions{TMessage}.MessageSizeBytes"/> or <see cref="SimulationOptions{TMessage}.MessageDigest"/> is not set,
    /// <see cref="ClusterMessageSize"/> fills it in.</param>
    /// <param name="setup">Optional: runs on the new run before any step, to schedule scripted faults
    /// (<see cref="Simulation{TMessage}.Schedule"/>) so that <see cref="Replay"/> can script them again. Default null.</param>
    /// <returns>The run, at step 0.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nodeCount"/> is out of range.</exception>
    public static ClusterSimulation Create(
        int nodeCount,
        long seed,
        ClusterSimOptions? options = null,
        SimulationOptions<ClusterMessage>? simulationOptions = null,
        Action<ClusterSimulation>? setup = null)
    {
        options ??= new ClusterSimOptions();
        options.Validate();
        simulationOptions ??= new SimulationOptions<ClusterMessage>();
        simulationOptions = simulationOptions with
        {
            MessageSizeBytes = simulationOptions.MessageSizeBytes ?? ClusterMessageSize.Estimate,
            MessageDigest = simulationOptions.MessageDigest ?? ClusterMessageSize.Digest,
        };
        var run = new ClusterSimulation(nodeCount, seed, options, simulationOptions);
        setup?.Invoke(run);
        return run;
    }

    /// <summary>Rebuilds the run of <paramref name="failure"/> and stops just before its failing step (the next step fails again).</summary>
    /// <param name="nodeCount">The node count of the failed run.</param>
    /// <param name="failure">The failure.</param>
    /// <param name="options">The cluster options of the failed run.</param>
    /// <param name="simulationOptions">The simulation options of the failed run.</param>
    /// <param name="setup">The setup (scripted faults) of the failed run, or null.</param>
    /// <returns>The run at step <c>failure.Step - 1</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="failure"/> is null.</exception>
    public static ClusterSimulation Replay(
        int nodeCount,
        SimulationFailureException failure,
        ClusterSimOptions? options = null,
        SimulationOptions<ClusterMessage>? simulationOptions = null,
        Action<ClusterSimulation>? setup = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var run = Create(nodeCount, failure.Seed, options, simulationOptions, setup);
        run.Simulation.RunSteps(failure.Step - 1);
        return run;
    }

    /// <summary>The core of node <paramref name="node"/>'s current incarnation, or null while it is down.</summary>
    /// <param name="node">The node index.</param>
    /// <returns>The core or null.</returns>
    public ClusterCore? CoreOf(int node) => _world.CoreOf(node);

    /// <summary>
    /// Runs until the cluster converges or <paramref name="bound"/> of virtual time passes (no fault phase; random faults, if
    /// configured, stay on).
    /// </summary>
    /// <param name="bound">The most virtual time to run.</param>
    /// <returns>The report; <see cref="ClusterSimReport.ConvergenceTime"/> counts from the start of this call.</returns>
    /// <exception cref="SimulationFailureException">A safety check or a node failed.</exception>
    public ClusterSimReport RunJoin(TimeSpan bound)
    {
        var start = Simulation.Now;
        var converged = Simulation.RunUntil(start + bound, () => _world.Convergence.IsConverged());
        return Report(start, converged, converged ? Simulation.Now - start : null);
    }

    /// <summary>
    /// The safety phase, then the liveness phase: runs to the end of <see cref="ClusterSimOptions.FaultPhase"/> (random faults and
    /// operator commands; then they stop, the network heals and crashed nodes restart, as a scheduled step), and on until the cluster
    /// converges or <paramref name="livenessBound"/> passes after the heal. The safety checks run after every step of both phases.
    /// </summary>
    /// <param name="livenessBound">How long after the heal the cluster has to converge; &gt;= 0.</param>
    /// <returns>The report; <see cref="ClusterSimReport.ConvergenceTime"/> counts from the heal.</returns>
    /// <exception cref="SimulationFailureException">A safety check or a node failed (the message names the seed and the step).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="livenessBound"/> is negative.</exception>
    /// <exception cref="InvalidOperationException"><see cref="ClusterSimOptions.FaultPhase"/> is not set.</exception>
    public ClusterSimReport RunPhased(TimeSpan livenessBound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(livenessBound, TimeSpan.Zero);
        var phase = Options.FaultPhase ?? throw new InvalidOperationException("RunPhased needs ClusterSimOptions.FaultPhase.");
        Simulation.RunUntil(phase, () => _world.HealedAt is not null);
        var healedAt = _world.HealedAt ?? Simulation.Now;
        var converged = Simulation.RunUntil(healedAt + livenessBound, () => _world.Convergence.IsConverged());
        return Report(healedAt, converged, converged ? Simulation.Now - healedAt : null);
    }

    private ClusterSimReport Report(TimeSpan healedAt, bool converged, TimeSpan? convergenceTime) => new(
        Simulation.Seed,
        NodeCount,
        healedAt,
        converged,
        convergenceTime,
        Simulation.Now,
        Simulation.StepNumber,
        Simulation.Counters,
        Simulation.FaultLog.Count + Simulation.FaultLogOverflow,
        _world.Stops,
        _world.SupervisorRestarts,
        _world.OperatorCommands,
        _world.Safety.GossipsChecked);
}
