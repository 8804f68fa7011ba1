using Akka.Configuration;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Scheduling;
using AkkaCompute.Node.Scheduling;
using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Scheduling;

/// <summary>The scheduler's Fibonacci-heap mailbox, through Akka's mailbox extension point (HOCON + Props.WithMailbox).</summary>
public class SchedulerMailboxTests() : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString("""
    small-mailbox {
      mailbox-type = "AkkaCompute.Node.Scheduling.SchedulerMailbox, AkkaCompute.Node"
      mailbox-capacity = 3
    }
    """).WithFallback(TestConfig.Base))
{
    private static Enqueue Task(string id, int priority) => new(new QueuedTask(Fn(id, priority: priority), 1, DateTimeOffset.UnixEpoch));

    /// <summary>Holds its turn until released, so messages pile up in its mailbox; then reports each message to the probe.</summary>
    private sealed class Gate : ReceiveActor
    {
        public Gate(IActorRef probe, ManualResetEventSlim entered, ManualResetEventSlim open)
        {
            ReceiveAny(m =>
            {
                entered.Set();
                open.Wait(TimeSpan.FromSeconds(30));
                probe.Tell(m);
            });
        }
    }

    /// <summary>
    /// Starts a gate and returns once it holds "first" and its real cell is in place. Until then Akka parks
    /// messages for a new top-level actor in a start-up queue that another thread drains into the mailbox, so
    /// messages told early could reach the mailbox after the gate opens and the order under test would race.
    /// </summary>
    private (IActorRef Gate, ManualResetEventSlim Open) StartGate(string mailbox)
    {
        var entered = new ManualResetEventSlim();
        var open = new ManualResetEventSlim();
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor, entered, open)).WithMailbox(mailbox));
        gate.Tell("first"); // holds the actor until the gate opens
        Assert.True(entered.Wait(TimeSpan.FromSeconds(10)), "the gate never took its first message");
        AwaitCondition(() => gate is not RepointableActorRef r || r.IsStarted, TimeSpan.FromSeconds(10));
        return (gate, open);
    }

    [Fact]
    public void Control_messages_come_before_tasks_and_tasks_by_priority_then_arrival()
    {
        var (gate, open) = StartGate(SchedulerActor.MailboxPath);
        gate.Tell(Task("low", -5));
        gate.Tell(Task("mid-1", 0));
        gate.Tell(new Dequeue("x"));
        gate.Tell(Task("high", 9));
        gate.Tell(new EnqueueAll([Task("batch-a", 1).Task, Task("batch-b", 7).Task]));
        gate.Tell(Task("mid-2", 0));
        gate.Tell(new CancelAttempt("y"));
        open.Set();

        Assert.Equal("first", ExpectMsg<string>());
        Assert.Equal("x", ExpectMsg<Dequeue>().TaskId);
        Assert.Equal("y", ExpectMsg<CancelAttempt>().TaskId);
        Assert.Equal("high", ExpectMsg<Enqueue>().Task.Spec.Id);
        Assert.Equal("batch-a", ExpectMsg<EnqueueAll>().Tasks[0].Spec.Id); // at its highest task's priority, 7
        Assert.Equal("mid-1", ExpectMsg<Enqueue>().Task.Spec.Id);
        Assert.Equal("mid-2", ExpectMsg<Enqueue>().Task.Spec.Id);
        Assert.Equal("low", ExpectMsg<Enqueue>().Task.Spec.Id);
    }

    [Fact]
    public void At_the_bound_tasks_are_refused_back_to_their_sender_and_control_messages_still_queue()
    {
        var (gate, open) = StartGate("small-mailbox");
        var peer = CreateTestProbe();
        gate.Tell(Task("a", 0), peer.Ref);
        gate.Tell(new EnqueueAll([Task("b", 0).Task, Task("c", 0).Task]), peer.Ref); // 3 of 3
        gate.Tell(new EnqueueAll([Task("d", 0).Task, Task("e", 0).Task]), peer.Ref); // refused whole
        gate.Tell(Task("f", 0), peer.Ref); // refused
        gate.Tell(new Dequeue("g"), peer.Ref); // control: never refused

        var refused = new[] { peer.ExpectMsg<EnqueueRefused>(), peer.ExpectMsg<EnqueueRefused>(), peer.ExpectMsg<EnqueueRefused>() };
        Assert.Equal(["d", "e", "f"], refused.Select(r => r.TaskId));
        Assert.All(refused, r => Assert.Contains("akc.scheduler.mailbox.mailbox-capacity", r.Reason));
        open.Set();
        Assert.Equal("first", ExpectMsg<string>());
        Assert.Equal("g", ExpectMsg<Dequeue>().TaskId);
        Assert.Equal("a", ExpectMsg<Enqueue>().Task.Spec.Id);
        Assert.Equal(["b", "c"], ExpectMsg<EnqueueAll>().Tasks.Select(t => t.Spec.Id));

        // Room again once the queue drained: a new task is queued, not refused.
        gate.Tell(Task("h", 0), peer.Ref);
        Assert.Equal("h", ExpectMsg<Enqueue>().Task.Spec.Id);
        peer.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
