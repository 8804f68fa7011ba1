namespace AkkaCompute.Actors.Tests;

public class MailboxTests : ActorTestKit
{
    [Fact]
    public void Bounded_mailbox_overflow_goes_to_dead_letters_with_reason()
    {
        var gate = new ManualResetEventSlim(false);
        var a = Sys.ActorOf(Props.Create(() => new BlockingActor(gate, TestActor)).WithMailbox(new BoundedMailbox(2)));
        a.Tell("block", TestActor);
        ExpectMsg("blocking");
        a.Tell(1, TestActor);
        a.Tell(2, TestActor);
        a.Tell(3, TestActor);
        var dl = ExpectDeadLetter<int>(i => i == 3);
        Assert.Equal("mailbox full (capacity 2)", dl.Reason);
        gate.Set();
        ExpectMsg(1);
        ExpectMsg(2);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Priority_mailbox_orders_by_priority_then_arrival()
    {
        var gate = new ManualResetEventSlim(false);
        var mailbox = new PriorityMailbox(m => m switch
        {
            string s when s.StartsWith("high", StringComparison.Ordinal) => 0,
            string s when s.StartsWith("low", StringComparison.Ordinal) => 2,
            _ => 1,
        });
        var a = Sys.ActorOf(Props.Create(() => new BlockingActor(gate, TestActor)).WithMailbox(mailbox));
        a.Tell("block", TestActor);
        ExpectMsg("blocking");
        foreach (var m in new[] { "low1", "mid1", "high1", "low2", "high2", "mid2" })
        {
            a.Tell(m, TestActor);
        }

        gate.Set();
        foreach (var expected in new[] { "high1", "high2", "mid1", "mid2", "low1", "low2" })
        {
            ExpectMsg(expected);
        }
    }

    [Fact]
    public void Dedicated_thread_dispatcher_runs_blocking_actors_off_the_pool()
    {
        var a = Sys.ActorOf(Props.Create(() => new ThreadReporter()).WithDispatcher(ActorSystemSettings.BlockingDispatcherId));
        a.Tell("thread?", TestActor);
        var name = ExpectMsg<string>();
        Assert.StartsWith(ActorSystemSettings.BlockingDispatcherId, name);
    }

    [Fact]
    public void Throughput_setting_is_applied_to_default_dispatcher()
    {
        using var system = ActorSystem.Create("tp", ActorSystemSettings.Default with { Throughput = 5 });
        Assert.Equal(5, system.Dispatcher(Props.DefaultDispatcherId).Throughput);
    }

    private sealed class BlockingActor(ManualResetEventSlim gate, IActorRef probe) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is "block")
            {
                probe.Tell("blocking", Self);
                gate.Wait(TimeSpan.FromSeconds(10));
                return true;
            }

            probe.Tell(message, Self);
            return true;
        }
    }

    private sealed class ThreadReporter : ActorBase
    {
        protected override bool Receive(object message)
        {
            Sender.Tell(Thread.CurrentThread.Name ?? "pool", Self);
            return true;
        }
    }
}

public class MailboxWakeupTests : ActorTestKit
{
    [Fact]
    public void Concurrent_producers_never_leave_a_message_unprocessed()
    {
        var counter = new Counter();
        var a = Sys.ActorOf(Props.Create(() => new CountingActor(counter)));
        const int producers = 4, each = 50_000;
        var threads = Enumerable.Range(0, producers).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < each; i++)
            {
                a.Tell(i, ActorRefs.NoSender);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        AwaitCondition(() => Volatile.Read(ref counter.Value) == producers * each, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void One_message_in_flight_ping_pong_completes_every_round_trip()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var b = Sys.ActorOf(Props.Create(() => new Bouncer(null, 0)));
        var a = Sys.ActorOf(Props.Create(() => new Bouncer(done, 100_000)));
        a.Tell(0, b);
        Assert.True(done.Task.Wait(Dilated(TimeSpan.FromSeconds(30))), "ping-pong stalled: a wake-up was lost");
    }

    private sealed class Counter
    {
        public int Value;
    }

    private sealed class CountingActor(Counter counter) : ActorBase
    {
        protected override bool Receive(object message)
        {
            Interlocked.Increment(ref counter.Value);
            return true;
        }
    }

    private sealed class Bouncer(TaskCompletionSource? done, int rounds) : ActorBase
    {
        protected override bool Receive(object message)
        {
            var n = (int)message;
            if (done is not null && n >= rounds)
            {
                done.TrySetResult();
                return true;
            }

            Sender.Tell(n + 1, Self);
            return true;
        }
    }
}
