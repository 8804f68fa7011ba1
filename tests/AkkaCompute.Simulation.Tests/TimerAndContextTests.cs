namespace AkkaCompute.Simulation.Tests;

public sealed class TimerAndContextTests
{
    private sealed class Script(Action<ISimContext<int>> onStart, Action<ISimContext<int>, object>? onTimer = null) : ISimulatedNode<int>
    {
        public List<(TimeSpan At, object Tag)> Fired { get; } = new();

        public ISimContext<int>? Context { get; private set; }

        public void OnStart(ISimContext<int> context)
        {
            Context = context;
            onStart(context);
        }

        public void OnMessage(ISimContext<int> context, NodeId from, int message)
        {
        }

        public void OnTimer(ISimContext<int> context, object tag)
        {
            Fired.Add((context.Now, tag));
            onTimer?.Invoke(context, tag);
        }
    }

    private static (Simulation<int> Simulation, Script Node) Single(Action<ISimContext<int>> onStart, Action<ISimContext<int>, object>? onTimer = null)
    {
        var node = new Script(onStart, onTimer);
        return (new Simulation<int>(1, 1, new SimulationOptions<int>(), (_, _) => node), node);
    }

    [Fact]
    public void Timers_fire_at_their_due_time_in_order_and_equal_times_fire_in_set_order()
    {
        var (simulation, node) = Single(ctx =>
        {
            ctx.SetTimer(TimeSpan.FromMilliseconds(30), "c");
            ctx.SetTimer(TimeSpan.FromMilliseconds(10), "a");
            ctx.SetTimer(TimeSpan.FromMilliseconds(10), "b");
            ctx.SetTimer(TimeSpan.Zero, "now");
        });
        simulation.RunUntil(TimeSpan.FromSeconds(1));

        Assert.Equal(
            [(TimeSpan.Zero, "now"), (TimeSpan.FromMilliseconds(10), "a"), (TimeSpan.FromMilliseconds(10), "b"), (TimeSpan.FromMilliseconds(30), "c")],
            node.Fired.Select(f => (f.At, (string)f.Tag)).ToArray());
        Assert.Equal(TimeSpan.FromSeconds(1), simulation.Now);
    }

    [Fact]
    public void Cancelled_timers_do_not_fire()
    {
        var results = new List<bool>();
        var (simulation, node) = Single(ctx =>
        {
            var keep = ctx.SetTimer(TimeSpan.FromMilliseconds(5), "keep");
            var cancel = ctx.SetTimer(TimeSpan.FromMilliseconds(5), "cancel");
            results.Add(ctx.CancelTimer(cancel));
            results.Add(ctx.CancelTimer(cancel));
            Assert.NotEqual(keep, cancel);
        });
        simulation.RunUntil(TimeSpan.FromSeconds(1));

        Assert.Equal([true, false], results);
        Assert.Equal(["keep"], node.Fired.Select(f => (string)f.Tag));
    }

    [Fact]
    public void A_node_cannot_cancel_another_nodes_timer()
    {
        TimerId? first = null;
        var cancelled = new List<bool>();
        var simulation = new Simulation<int>(2, 1, new SimulationOptions<int>(), (id, _) => new Script(ctx =>
        {
            if (id.Index == 0)
            {
                first = ctx.SetTimer(TimeSpan.FromMilliseconds(5), "x");
            }
            else
            {
                cancelled.Add(ctx.CancelTimer(first!.Value));
            }
        }));
        simulation.RunUntil(TimeSpan.FromSeconds(1));

        Assert.Equal([false], cancelled);
        Assert.Equal(1, simulation.Counters.TimersFired);
    }

    [Fact]
    public void The_context_refuses_use_outside_the_nodes_own_callbacks()
    {
        var (simulation, node) = Single(_ => { });
        simulation.RunUntil(TimeSpan.FromSeconds(1));

        Assert.Throws<InvalidOperationException>(() => node.Context!.Send(new NodeId(0), 1));
        Assert.Throws<InvalidOperationException>(() => node.Context!.SetTimer(TimeSpan.Zero, "x"));
        Assert.Equal(TimeSpan.FromSeconds(1), node.Context!.Now);
        Assert.Equal(1, node.Context.NodeCount);
    }

    [Fact]
    public void Bad_sends_and_timers_fail_the_run()
    {
        var (badTarget, _) = Single(ctx => ctx.Send(new NodeId(1), 5));
        var failure = Assert.Throws<SimulationFailureException>(() => badTarget.Step());
        Assert.IsType<ArgumentOutOfRangeException>(failure.InnerException);

        var (negativeDelay, _) = Single(ctx => ctx.SetTimer(TimeSpan.FromTicks(-1), "x"));
        failure = Assert.Throws<SimulationFailureException>(() => negativeDelay.Step());
        Assert.IsType<ArgumentOutOfRangeException>(failure.InnerException);
    }

    [Fact]
    public void Scheduled_actions_run_at_their_time_as_steps()
    {
        var (simulation, _) = Single(_ => { });
        var ranAt = new List<TimeSpan>();
        simulation.Schedule(TimeSpan.FromMilliseconds(250), s => ranAt.Add(s.Now));
        var kinds = new List<StepKind>();
        simulation.AddStepHook(info => kinds.Add(info.Kind));
        simulation.RunUntil(TimeSpan.FromSeconds(1));

        Assert.Equal([TimeSpan.FromMilliseconds(250)], ranAt);
        Assert.Equal([StepKind.NodeStarted, StepKind.ScheduledAction], kinds);
        Assert.Throws<ArgumentOutOfRangeException>(() => simulation.Schedule(TimeSpan.FromMilliseconds(1), _ => { }));
    }

    [Fact]
    public void The_pending_event_limit_fails_a_flooding_protocol()
    {
        var simulation = new Simulation<int>(
            1,
            1,
            new SimulationOptions<int> { PendingEventsMax = 100 },
            (_, _) => new Script(ctx =>
            {
                for (var i = 0; i < 1_000; i++)
                {
                    ctx.Send(ctx.Self, i);
                }
            }));

        var failure = Assert.Throws<SimulationFailureException>(() => simulation.RunUntil(TimeSpan.FromSeconds(1)));
        Assert.Contains("PendingEventsMax", failure.InnerException!.Message);
    }
}
