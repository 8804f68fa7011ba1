using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Hosting.Node;

/// <summary>
/// Collects a node's young garbage when a burst of work ends, not later on a task someone waits for: idle-time garbage
/// collection (Degenbaev et al., "Idle Time Garbage Collection Scheduling", PLDI 2016). Every <see cref="PollInterval"/> it
/// reads the collector's counters (<see cref="YoungGarbageDebt"/>); once the node has allocated at least the threshold since
/// the last collection, it reads the node's activity at each poll, and when nothing is queued, running, retrying or executing
/// and the task counters have not moved since the poll before (so not between the tasks of a stream of short ones) it
/// collects generations 0 and 1 at once (blocking, not compacting). The collection comes due anyway: a node's generation-0 budget
/// here is 80-128 MiB, and after a burst of 20,000 tasks the next one paused a node 30-175 ms, often in the middle of the
/// next single task. <c>akc node</c> runs one (<c>akc.management.burst-end-collection</c>).
/// </summary>
public static class BurstEndCollector
{
    /// <summary>How often the collector's counters are read: 20 ms (two cheap reads; the activity is asked for only over the threshold).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled (then returns without throwing). A failed read of the
    /// activity (a busy or stopping node) is skipped: the next poll tries again. It never throws.
    /// </summary>
    /// <param name="activity">Reads the node's activity, e.g. <see cref="ComputeNode.ActivityAsync"/>.</param>
    /// <param name="thresholdBytes">Young garbage, in bytes, worth a collection when the node is idle; greater than 0.</param>
    /// <param name="logger">Gets one debug line per collection.</param>
    /// <param name="time">The clock and timers (a fake one in tests).</param>
    /// <param name="counters">Reads generation-0 collections and total allocated bytes; default the process's own.</param>
    /// <param name="collect">Collects; default <see cref="GC.Collect(int, GCCollectionMode, bool, bool)"/> of generation 1, forced, blocking, not compacting.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="thresholdBytes"/> is not greater than 0.</exception>
    public static async Task RunAsync(
        Func<CancellationToken, Task<NodeActivity>> activity,
        long thresholdBytes,
        ILogger logger,
        TimeProvider time,
        Func<(int Gen0Collections, long AllocatedBytes)>? counters = null,
        Action? collect = null,
        CancellationToken cancellationToken = default)
    {
        var debt = new YoungGarbageDebt(thresholdBytes);
        NodeActivity? previous = null;
        counters ??= static () => (GC.CollectionCount(0), GC.GetTotalAllocatedBytes());
        collect ??= static () => GC.Collect(1, GCCollectionMode.Forced, blocking: true, compacting: false);
        using var timer = new PeriodicTimer(PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var (collections, allocated) = counters();
                if (!debt.Observe(collections, allocated))
                {
                    previous = null;
                    continue;
                }

                if (await NodeActivity.TryReadAsync(activity, cancellationToken).ConfigureAwait(false) is not { } now)
                {
                    continue;
                }

                var quiet = now.IsIdle && previous == now;
                previous = now;
                if (!quiet)
                {
                    continue;
                }

                var bytes = debt.Bytes;
                var took = Stopwatch.StartNew();
                collect();
                (collections, allocated) = counters();
                debt.Collected(collections, allocated);
                previous = null;
                logger.LogDebug("burst ended: {Debt:0.0} MiB of young garbage collected in {TookMs:0} ms", bytes / 1048576.0, took.Elapsed.TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
