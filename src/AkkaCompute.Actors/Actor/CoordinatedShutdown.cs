using Microsoft.Extensions.Logging;

namespace AkkaCompute.Actors;

/// <summary>
/// Stops the node in ordered phases (Akka's CoordinatedShutdown): services unbind, requests drain,
/// the cluster is left, and the actor system terminates last. Tasks of one phase run concurrently;
/// a phase runs after every phase it depends on. A phase that exceeds its timeout is logged and the
/// next phase starts (when <see cref="Phase.Recover"/> is true), or the run skips to
/// <see cref="PhaseActorSystemTerminate"/> (when false), so that the system always terminates.
/// </summary>
public sealed class CoordinatedShutdown
{
    /// <summary>Phase name.</summary>
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";

    /// <summary>Phase name: stop accepting new requests.</summary>
    public const string PhaseServiceUnbind = "service-unbind";

    /// <summary>Phase name: wait for in-flight requests.</summary>
    public const string PhaseServiceRequestsDone = "service-requests-done";

    /// <summary>Phase name: stop services.</summary>
    public const string PhaseServiceStop = "service-stop";

    /// <summary>Phase name.</summary>
    public const string PhaseBeforeClusterShutdown = "before-cluster-shutdown";

    /// <summary>Phase name: leave the cluster gracefully.</summary>
    public const string PhaseClusterLeave = "cluster-leave";

    /// <summary>Phase name: wait until Exiting.</summary>
    public const string PhaseClusterExiting = "cluster-exiting";

    /// <summary>Phase name.</summary>
    public const string PhaseClusterExitingDone = "cluster-exiting-done";

    /// <summary>Phase name: shut down the cluster extension.</summary>
    public const string PhaseClusterShutdown = "cluster-shutdown";

    /// <summary>Phase name.</summary>
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";

    /// <summary>Phase name: the actor system terminates (the last phase).</summary>
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    private readonly ActorSystemImpl _system;
    private readonly Dictionary<string, List<(string Name, Func<Task> Run)>> _tasks = [];
    private readonly Lock _lock = new();
    private Task<Done>? _run;

    internal CoordinatedShutdown(ActorSystemImpl system, IReadOnlyDictionary<string, Phase> phases)
    {
        _system = system;
        Phases = phases;
        OrderedPhases = TopologicalSort(phases);
        AddTask(PhaseActorSystemTerminate, "terminate-system", () => _system.FinalTerminate());
    }

    /// <summary>The phases by name.</summary>
    public IReadOnlyDictionary<string, Phase> Phases { get; }

    /// <summary>Phase names in the order they run.</summary>
    public IReadOnlyList<string> OrderedPhases { get; }

    /// <summary>Why the shutdown runs, once <see cref="Run"/> has been called.</summary>
    public Reason? ShutdownReason { get; private set; }

    /// <summary>The shutdown of <paramref name="system"/> (one per system).</summary>
    public static CoordinatedShutdown Get(ActorSystem system) =>
        system.GetOrAddExtension(s => new CoordinatedShutdown((ActorSystemImpl)s, DefaultPhases(s.Settings.ShutdownPhaseTimeout)));

    /// <summary>Akka's phases with their dependencies, each with <paramref name="timeout"/>.</summary>
    public static IReadOnlyDictionary<string, Phase> DefaultPhases(TimeSpan timeout)
    {
        string[] chain =
        [
            PhaseBeforeServiceUnbind, PhaseServiceUnbind, PhaseServiceRequestsDone, PhaseServiceStop,
            PhaseBeforeClusterShutdown, PhaseClusterLeave, PhaseClusterExiting, PhaseClusterExitingDone,
            PhaseClusterShutdown, PhaseBeforeActorSystemTerminate, PhaseActorSystemTerminate,
        ];
        var result = new Dictionary<string, Phase>();
        for (var i = 0; i < chain.Length; i++)
        {
            result[chain[i]] = new Phase(i == 0 ? [] : [chain[i - 1]], timeout, Recover: true);
        }

        return result;
    }

    /// <summary>Adds a task to <paramref name="phase"/>. Tasks added after <see cref="Run"/> started are ignored.</summary>
    /// <exception cref="ArgumentException">No phase has that name.</exception>
    public void AddTask(string phase, string taskName, Func<Task> task)
    {
        if (!Phases.ContainsKey(phase))
        {
            throw new ArgumentException($"unknown coordinated-shutdown phase '{phase}' (known: {string.Join(", ", OrderedPhases)})", nameof(phase));
        }

        lock (_lock)
        {
            if (!_tasks.TryGetValue(phase, out var list))
            {
                _tasks[phase] = list = [];
            }

            list.Add((taskName, task));
        }
    }

    /// <summary>Runs every phase in order; idempotent (later calls return the first run's task).</summary>
    public Task<Done> Run(Reason reason)
    {
        lock (_lock)
        {
            if (_run is null)
            {
                ShutdownReason = reason;
                _run = RunPhases();
            }

            return _run;
        }
    }

    private async Task<Done> RunPhases()
    {
        var skipToEnd = false;
        foreach (var phaseName in OrderedPhases)
        {
            if (skipToEnd && phaseName != PhaseActorSystemTerminate)
            {
                continue;
            }

            var phase = Phases[phaseName];
            List<(string Name, Func<Task> Run)> tasks;
            lock (_lock)
            {
                tasks = _tasks.TryGetValue(phaseName, out var l) ? [.. l] : [];
            }

            if (!phase.Enabled || tasks.Count == 0)
            {
                continue;
            }

            var running = tasks.Select(t => RunOne(phaseName, t.Name, t.Run)).ToArray();
            try
            {
                await Task.WhenAll(running).WaitAsync(phase.Timeout, _system.TimeProvider).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _system.Log.LogWarning("coordinated-shutdown phase [{Phase}] timed out after {Timeout}", phaseName, phase.Timeout);
                skipToEnd = !phase.Recover;
            }
            catch (Exception e)
            {
                _system.Log.LogWarning(e, "coordinated-shutdown phase [{Phase}] failed: {Message}", phaseName, e.Message);
                skipToEnd = !phase.Recover;
            }
        }

        return Done.Instance;
    }

    private async Task RunOne(string phase, string name, Func<Task> run)
    {
        try
        {
            await run().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _system.Log.LogWarning(e, "coordinated-shutdown task [{Task}] in phase [{Phase}] failed: {Message}", name, phase, e.Message);
            throw;
        }
    }

    private static List<string> TopologicalSort(IReadOnlyDictionary<string, Phase> phases)
    {
        var result = new List<string>();
        var state = new Dictionary<string, int>();

        void Visit(string name, Stack<string> path)
        {
            if (state.TryGetValue(name, out var s))
            {
                if (s == 1)
                {
                    throw new ArgumentException($"coordinated-shutdown phases have a cycle: {string.Join(" -> ", path.Reverse())} -> {name}");
                }

                return;
            }

            if (!phases.TryGetValue(name, out var phase))
            {
                throw new ArgumentException($"coordinated-shutdown phase '{path.Peek()}' depends on unknown phase '{name}'");
            }

            state[name] = 1;
            path.Push(name);
            foreach (var dep in phase.DependsOn.Order(StringComparer.Ordinal))
            {
                Visit(dep, path);
            }

            path.Pop();
            state[name] = 2;
            result.Add(name);
        }

        foreach (var name in phases.Keys.Order(StringComparer.Ordinal))
        {
            Visit(name, new Stack<string>());
        }

        return result;
    }

    /// <summary>A shutdown phase.</summary>
    /// <param name="DependsOn">Phases that must finish before this one starts.</param>
    /// <param name="Timeout">How long the phase's tasks may take together.</param>
    /// <param name="Recover">On timeout or failure: true continues with the next phase; false skips to <see cref="PhaseActorSystemTerminate"/>.</param>
    /// <param name="Enabled">False skips the phase's tasks.</param>
    public sealed record Phase(IReadOnlyList<string> DependsOn, TimeSpan Timeout, bool Recover = true, bool Enabled = true);

    /// <summary>Why the node shuts down.</summary>
    public abstract class Reason;

    /// <summary>The actor system's Terminate was called.</summary>
    public sealed class ActorSystemTerminateReason : Reason
    {
        private ActorSystemTerminateReason() { }

        /// <summary>The singleton instance.</summary>
        public static ActorSystemTerminateReason Instance { get; } = new();
    }

    /// <summary>The process is exiting.</summary>
    public sealed class ClrExitReason : Reason
    {
        private ClrExitReason() { }

        /// <summary>The singleton instance.</summary>
        public static ClrExitReason Instance { get; } = new();
    }

    /// <summary>The node left the cluster or was downed.</summary>
    public sealed class ClusterLeavingReason : Reason
    {
        private ClusterLeavingReason() { }

        /// <summary>The singleton instance.</summary>
        public static ClusterLeavingReason Instance { get; } = new();
    }

    /// <summary>Shut down for a reason not listed.</summary>
    public sealed class UnknownReason : Reason
    {
        private UnknownReason() { }

        /// <summary>The singleton instance.</summary>
        public static UnknownReason Instance { get; } = new();
    }
}
