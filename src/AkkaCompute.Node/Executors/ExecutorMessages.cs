namespace AkkaCompute.Node.Executors;

/// <summary>
/// An executor gave up on an attempt that did not stop within the grace after its token was cancelled (a function
/// that never observes its cancellation token). The attempt has been reported finished (timed out or cancelled) and the
/// executor is free; the attempt's thread still runs until its code returns. Sent by the executor to its pool, which
/// counts it; a <see cref="AbandonedAttemptEnded"/> follows if the code ever returns.
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="Attempt">The attempt.</param>
public sealed record AttemptAbandoned(string TaskId, int Attempt);

/// <summary>An abandoned attempt (see <see cref="AttemptAbandoned"/>) returned at last; its result was ignored.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Attempt">The attempt.</param>
public sealed record AbandonedAttemptEnded(string TaskId, int Attempt);

/// <summary>Asks the node (its PeerActor forwards it) or the executor pool for its <see cref="ExecutorStats"/>.</summary>
public sealed record GetExecutorStats;

/// <summary>The executor pool's counters.</summary>
/// <param name="Size">Executors in the pool (<c>akc.executor.max-concurrent</c>).</param>
/// <param name="Busy">Executors running an attempt now.</param>
/// <param name="AbandonedRunning">
/// Abandoned attempts whose code still runs (each holds a thread); at <paramref name="MaxAbandoned"/> the node refuses
/// new function tasks until one ends.
/// </param>
/// <param name="AbandonedTotal">Attempts abandoned since the node started.</param>
/// <param name="MaxAbandoned"><c>akc.executor.max-abandoned</c>.</param>
/// <param name="RefusedFunctionTasks">Function tasks refused since the node started because <paramref name="MaxAbandoned"/> was reached.</param>
public sealed record ExecutorStats(int Size, int Busy, int AbandonedRunning, long AbandonedTotal, int MaxAbandoned, long RefusedFunctionTasks)
{
    /// <summary>True while the node refuses new function tasks (<see cref="AbandonedRunning"/> reached <see cref="MaxAbandoned"/>).</summary>
    public bool RefusingFunctionTasks => AbandonedRunning >= MaxAbandoned;
}
