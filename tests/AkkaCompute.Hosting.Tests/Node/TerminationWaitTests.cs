using Akka.Actor;
using Akka.Configuration;
using AkkaCompute.Hosting.Node;
using Microsoft.Extensions.Time.Testing;
using static AkkaCompute.Hosting.Tests.Node.Conditions;

namespace AkkaCompute.Hosting.Tests.Node;

public class TerminationWaitTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(75);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_termination_before_any_shutdown_ends_the_wait_with_true()
    {
        var terminated = new TaskCompletionSource();
        var wait = TerminationWait.AwaitAsync(terminated.Task, new TaskCompletionSource().Task, () => throw new InvalidOperationException("not begun"), Bound, Grace, new FakeTimeProvider());

        terminated.SetResult();

        Assert.True(await wait.WaitAsync(Deadline));
    }

    [Fact]
    public void Before_the_shutdown_begins_it_waits_without_bound()
    {
        var time = new FakeTimeProvider();
        var wait = TerminationWait.AwaitAsync(new TaskCompletionSource().Task, new TaskCompletionSource().Task, () => Task.CompletedTask, Bound, Grace, time);

        time.Advance(TimeSpan.FromDays(1));

        Assert.False(wait.IsCompleted);
    }

    [Fact]
    public async Task Once_the_shutdown_ended_it_waits_the_grace_and_then_gives_up_with_false()
    {
        var time = new FakeTimeProvider();
        var ended = new TaskCompletionSource();
        var (wait, runs) = await BegunAsync(new TaskCompletionSource().Task, ended.Task, time);
        time.Advance(TimeSpan.FromSeconds(30)); // the phases still run: no bound reached
        Assert.False(wait.IsCompleted);

        // The grace timer starts on whichever thread sees the shutdown end, so fake time moves in steps until the wait
        // ends: it must not end before the grace has passed.
        ended.SetResult();
        var from = time.GetUtcNow();
        using var deadline = new CancellationTokenSource(Deadline);
        while (!wait.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1, deadline.Token);
        }

        Assert.True(time.GetUtcNow() - from >= Grace, $"ended {time.GetUtcNow() - from} after the shutdown, before the grace");
        Assert.False(await wait);
        Assert.Equal(1, runs());
    }

    [Fact]
    public async Task A_termination_within_the_grace_ends_the_wait_with_true()
    {
        var time = new FakeTimeProvider();
        var terminated = new TaskCompletionSource();
        var (wait, _) = await BegunAsync(terminated.Task, Task.CompletedTask, time);
        time.Advance(Grace / 2);
        terminated.SetResult();

        Assert.True(await wait.WaitAsync(Deadline));
    }

    [Fact]
    public async Task A_shutdown_that_never_ends_is_waited_for_at_most_its_bound_and_the_grace()
    {
        var time = new FakeTimeProvider();
        var (wait, _) = await BegunAsync(new TaskCompletionSource().Task, new TaskCompletionSource().Task, time);
        time.Advance(Bound + Grace - TimeSpan.FromMilliseconds(1));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(await wait.WaitAsync(Deadline));
    }

    [Fact]
    public void Negative_bounds_are_refused()
    {
        var none = Task.CompletedTask;
        Assert.Throws<ArgumentOutOfRangeException>(() => TerminationWait.AwaitAsync(none, none, () => none, TimeSpan.FromSeconds(-1), Grace, TimeProvider.System).GetAwaiter().GetResult());
        Assert.Throws<ArgumentOutOfRangeException>(() => TerminationWait.AwaitAsync(none, none, () => none, Bound, TimeSpan.FromSeconds(-1), TimeProvider.System).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task A_system_that_terminates_after_coordinated_shutdown_gives_true()
    {
        using var system = ActorSystem.Create("termination-wait-ok", ShortPhases);
        var wait = TerminationWait.ForSystemAsync(system, TimeSpan.FromSeconds(1), TimeProvider.System);

        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);

        Assert.True(await wait.WaitAsync(Deadline));
        Assert.True(system.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task A_system_whose_actor_never_finishes_stopping_gives_false_after_the_phases_and_the_grace()
    {
        using var release = new ManualResetEventSlim();
        var system = ActorSystem.Create("termination-wait-stuck", ShortPhases);
        try
        {
            system.ActorOf(Props.Create(() => new StuckInPostStop(release)), "stuck");
            var wait = TerminationWait.ForSystemAsync(system, TimeSpan.FromSeconds(1), TimeProvider.System);

            _ = CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterDowningReason.Instance);

            Assert.False(await wait.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.False(system.WhenTerminated.IsCompleted);
        }
        finally
        {
            release.Set();
            await system.WhenTerminated.WaitAsync(Deadline);
        }
    }

    /// <summary>
    /// Starts a wait on <paramref name="terminated"/> whose shutdown has begun, and returns once the wait asked for the
    /// shutdown's task (<paramref name="shutdownRun"/>), so that its timers exist; <c>Runs</c> counts those asks.
    /// </summary>
    private static async Task<(Task<bool> Wait, Func<int> Runs)> BegunAsync(Task terminated, Task shutdownRun, FakeTimeProvider time)
    {
        var began = new TaskCompletionSource();
        var runs = 0;
        var wait = TerminationWait.AwaitAsync(terminated, began.Task, () => { Interlocked.Increment(ref runs); return shutdownRun; }, Bound, Grace, time);
        began.SetResult();
        await AwaitAsync(() => Volatile.Read(ref runs) >= 1);
        return (wait, () => Volatile.Read(ref runs));
    }

    private static Config ShortPhases => ConfigurationFactory.ParseString("""
        akka.coordinated-shutdown.default-phase-timeout = 1s
        akka.coordinated-shutdown.phases.actor-system-terminate.timeout = 1s
        akka.loglevel = OFF
        akka.stdout-loglevel = OFF
        """);

    /// <summary>An actor whose PostStop blocks until released: the system cannot finish terminating before.</summary>
    private sealed class StuckInPostStop(ManualResetEventSlim release) : ReceiveActor
    {
        protected override void PostStop() => release.Wait();
    }
}
