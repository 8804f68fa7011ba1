namespace AkkaCompute.Simulation.Cluster;

/// <summary>The outcome of one simulated cluster run (<see cref="ClusterSimulation.RunPhased"/> or <see cref="ClusterSimulation.RunJoin"/>).</summary>
/// <param name="Seed">The run seed.</param>
/// <param name="Nodes">The node count.</param>
/// <param name="HealedAt">The virtual time at which faults stopped and everything was healed (zero for a run without a fault phase).</param>
/// <param name="Converged">Whether the cluster converged (every node a member, one member per node, all Up, none unreachable, same view) before the bound.</param>
/// <param name="ConvergenceTime">Virtual time from <paramref name="HealedAt"/> until convergence; null if it did not converge.</param>
/// <param name="EndedAt">The virtual time at the end of the run.</param>
/// <param name="Steps">Steps run.</param>
/// <param name="Counters">The simulator's totals (messages, bytes, drops).</param>
/// <param name="Faults">Faults applied (random and scripted, restarts included).</param>
/// <param name="Stops">Incarnations that stopped for good (removed, downed or exited).</param>
/// <param name="SupervisorRestarts">Stopped incarnations the supervisor restarted with a new uid.</param>
/// <param name="OperatorCommands">Random operator commands issued (leave or down).</param>
/// <param name="GossipsChecked">Changed gossips the safety checker examined.</param>
public sealed record ClusterSimReport(
    long Seed,
    int Nodes,
    TimeSpan HealedAt,
    bool Converged,
    TimeSpan? ConvergenceTime,
    TimeSpan EndedAt,
    long Steps,
    SimulationCounters Counters,
    long Faults,
    long Stops,
    long SupervisorRestarts,
    long OperatorCommands,
    long GossipsChecked)
{
    /// <summary>Messages sent per node per simulated second over the whole run.</summary>
    public double MessagesPerNodePerSecond => EndedAt <= TimeSpan.Zero ? 0 : Counters.MessagesSent / (Nodes * EndedAt.TotalSeconds);

    /// <summary>Estimated bytes sent per node per simulated second over the whole run (see <see cref="ClusterMessageSize"/>).</summary>
    public double BytesPerNodePerSecond => EndedAt <= TimeSpan.Zero ? 0 : Counters.BytesSent / (Nodes * EndedAt.TotalSeconds);
}
