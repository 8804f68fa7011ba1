using System.Collections.Concurrent;

namespace AkkaCompute.Actors.Tests;

public class CoordinatedShutdownTests
{
    [Fact]
    public void Phases_are_ordered_by_dependencies()
    {
        using var system = ActorSystem.Create("csorder");
        var cs = CoordinatedShutdown.Get(system);
        Assert.Equal(CoordinatedShutdown.PhaseBeforeServiceUnbind, cs.OrderedPhases[0]);
        Assert.Equal(CoordinatedShutdown.PhaseActorSystemTerminate, cs.OrderedPhases[^1]);
        Assert.True(cs.OrderedPhases.ToList().IndexOf(CoordinatedShutdown.PhaseClusterLeave) > cs.OrderedPhases.ToList().IndexOf(CoordinatedShutdown.PhaseServiceStop));
    }

    [Fact]
    public async Task Tasks_run_in_phase_order_then_system_terminates()
    {
        var system = ActorSystem.Create("csrun");
        var cs = CoordinatedShutdown.Get(system);
        var log = new ConcurrentQueue<string>();
        cs.AddTask(CoordinatedShutdown.PhaseClusterLeave, "leave", () => { log.Enqueue("leave"); return Task.CompletedTask; });
        cs.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "unbind", async () => { await Task.Yield(); log.Enqueue("unbind"); });
        cs.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "last", () => { log.Enqueue("last"); return Task.CompletedTask; });
        await cs.Run(CoordinatedShutdown.UnknownReason.Instance).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["unbind", "leave", "last"], log.ToArray());
        Assert.True(system.WhenTerminated.IsCompleted);
        Assert.Same(CoordinatedShutdown.UnknownReason.Instance, cs.ShutdownReason);
    }

    [Fact]
    public async Task A_phase_that_times_out_is_logged_and_the_next_phase_runs()
    {
        var clock = new ManualTimeProvider();
        var system = ActorSystem.Create("cstimeout", ActorSystemSettings.Default with { TimeProvider = clock, ShutdownPhaseTimeout = TimeSpan.FromSeconds(2) });
        var cs = CoordinatedShutdown.Get(system);
        var ran = new TaskCompletionSource();
        cs.AddTask(CoordinatedShutdown.PhaseServiceStop, "hangs", () => new TaskCompletionSource().Task);
        cs.AddTask(CoordinatedShutdown.PhaseClusterLeave, "after", () => { ran.TrySetResult(); return Task.CompletedTask; });
        var run = cs.Run(CoordinatedShutdown.UnknownReason.Instance);
        Assert.False(ran.Task.IsCompleted);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!ran.Task.IsCompleted && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(ran.Task, Task.Delay(10));
        }

        Assert.True(ran.Task.IsCompleted);
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Run_is_idempotent()
    {
        var system = ActorSystem.Create("csidem");
        var cs = CoordinatedShutdown.Get(system);
        var count = 0;
        cs.AddTask(CoordinatedShutdown.PhaseServiceStop, "once", () => { Interlocked.Increment(ref count); return Task.CompletedTask; });
        var a = cs.Run(CoordinatedShutdown.UnknownReason.Instance);
        var b = cs.Run(CoordinatedShutdown.ClrExitReason.Instance);
        Assert.Same(a, b);
        await a.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, count);
    }

    [Fact]
    public void Unknown_phase_is_refused()
    {
        using var system = ActorSystem.Create("csunknown");
        Assert.Throws<ArgumentException>(() => CoordinatedShutdown.Get(system).AddTask("no-such-phase", "t", () => Task.CompletedTask));
    }
}
