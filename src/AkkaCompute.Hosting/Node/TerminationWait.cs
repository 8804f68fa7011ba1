using Akka;
using Akka.Actor;

namespace AkkaCompute.Hosting.Node;

/// <summary>
/// A bounded wait for an actor system to terminate. Once Akka's coordinated shutdown has begun (a signal, a leave, or a
/// downing by the split-brain resolver), termination is awaited at most until the shutdown's phases have run (each is bounded
/// by its own timeout, <see cref="CoordinatedShutdown.TotalTimeout"/> in all) and then <c>grace</c> more. Akka applies the same
/// bound itself only with <c>akka.coordinated-shutdown.exit-clr = on</c>, which calls <see cref="Environment.Exit"/> when
/// termination outlasts the <c>actor-system-terminate</c> phase; <c>akc node</c> runs with it off (it prints why it stopped
/// and chooses its exit code), so it bounds the wait here: a downed node must exit even when an actor never finishes stopping.
/// </summary>
public static class TerminationWait
{
    /// <summary>
    /// The grace <c>akc node</c> gives after the shutdown's phases have run: 5 s (the <c>actor-system-terminate</c> phase has
    /// already waited its own timeout, 10 s by default, for the same termination).
    /// </summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Waits until <paramref name="system"/> terminated (true), or until its coordinated shutdown has begun and ended (or
    /// outlasted <see cref="CoordinatedShutdown.TotalTimeout"/>) and the system has still not terminated
    /// <paramref name="grace"/> later (false). Before coordinated shutdown begins it waits without bound. Call it before the
    /// shutdown can begin, e.g. right after the system started: it registers a marker task in the first phase
    /// (<c>before-service-unbind</c>) to learn that the shutdown began; called later, it treats a shutdown already under way the
    /// same way. It never throws for a failed phase or termination.
    /// </summary>
    /// <param name="system">The actor system to wait for.</param>
    /// <param name="grace">How long to wait after the shutdown's phases have run; 0 or more.</param>
    /// <param name="time">The clock and timers (a fake one in tests).</param>
    /// <exception cref="ArgumentNullException"><paramref name="system"/> or <paramref name="time"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="grace"/> is negative.</exception>
    public static Task<bool> ForSystemAsync(ActorSystem system, TimeSpan grace, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero); // before the marker task is added
        var shutdown = CoordinatedShutdown.Get(system);
        var began = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "akc-shutdown-began", () =>
        {
            began.TrySetResult();
            return Task.FromResult(Done.Instance);
        });
        if (shutdown.ShutdownReason is not null)
        {
            began.TrySetResult(); // under way before the marker was added (or started from a later phase)
        }

        // Run after the shutdown began returns that run's task and starts nothing.
        return AwaitAsync(system.WhenTerminated, began.Task, () => shutdown.Run(CoordinatedShutdown.UnknownReason.Instance), shutdown.TotalTimeout, grace, time);
    }

    /// <summary>
    /// The rule of <see cref="ForSystemAsync"/> over plain tasks: waits for <paramref name="terminated"/> without bound until
    /// <paramref name="began"/> completes; from then on at most until the task <paramref name="run"/> returns has completed (in
    /// any way) and <paramref name="grace"/> more, and never longer than <paramref name="shutdownBound"/> +
    /// <paramref name="grace"/> after <paramref name="began"/>.
    /// </summary>
    /// <param name="terminated">Completes when the system terminated.</param>
    /// <param name="began">Completes when the shutdown began.</param>
    /// <param name="run">Returns the running shutdown's task; called once, after <paramref name="began"/>.</param>
    /// <param name="shutdownBound">The longest the shutdown's phases may take, e.g. <see cref="CoordinatedShutdown.TotalTimeout"/>; 0 or more.</param>
    /// <param name="grace">How long to wait after the shutdown ended; 0 or more.</param>
    /// <param name="time">The clock and timers.</param>
    /// <returns>True when <paramref name="terminated"/> completed in time.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shutdownBound"/> or <paramref name="grace"/> is negative.</exception>
    public static async Task<bool> AwaitAsync(Task terminated, Task began, Func<Task> run, TimeSpan shutdownBound, TimeSpan grace, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(terminated);
        ArgumentNullException.ThrowIfNull(began);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(shutdownBound, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero);
        await Task.WhenAny(terminated, began).ConfigureAwait(false);
        if (terminated.IsCompleted)
        {
            return true;
        }

        using var timers = new CancellationTokenSource();
        var cap = Task.Delay(shutdownBound + grace, time, timers.Token);
        var ended = run();
        if (await Task.WhenAny(terminated, ended, cap).ConfigureAwait(false) == ended)
        {
            await Task.WhenAny(terminated, Task.Delay(grace, time, timers.Token), cap).ConfigureAwait(false);
        }

        await timers.CancelAsync().ConfigureAwait(false);
        return terminated.IsCompleted;
    }
}
