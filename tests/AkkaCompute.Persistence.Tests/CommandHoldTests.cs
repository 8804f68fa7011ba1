using AkkaCompute.Persistence;

namespace AkkaCompute.Persistence.Tests;

/// <summary>The hold that keeps commands in arrival order while a persistent actor is blocked (pure logic, a simulated mailbox).</summary>
public sealed class CommandHoldTests
{
    private readonly RecordingRef _self = new("self");
    private readonly RecordingRef _alice = new("alice");
    private readonly RecordingRef _bob = new("bob");

    [Fact]
    public void Processes_at_once_when_not_blocked_and_nothing_is_held()
    {
        var hold = new CommandHold();

        Assert.Equal("a", hold.Accept("a", _alice, blocked: false));
        Assert.False(hold.Release(_self, blocked: false));
        Assert.Empty(_self.Received);
    }

    [Fact]
    public void Holds_while_blocked_and_releases_one_at_a_time_in_order_with_the_original_senders()
    {
        var hold = new CommandHold();
        Assert.Null(hold.Accept("a", _alice, blocked: true));
        Assert.Null(hold.Accept("a", _bob, blocked: true)); // the same reference twice is fine
        Assert.False(hold.Release(_self, blocked: true));

        Assert.True(hold.Release(_self, blocked: false));
        Assert.False(hold.Release(_self, blocked: false)); // one in flight at a time
        Assert.Equal("a", hold.Accept(_self.Received[0].Message, _alice, false));
        Assert.True(hold.Release(_self, blocked: false));
        Assert.Equal("a", hold.Accept(_self.Received[1].Message, _bob, false));

        Assert.Equal([("a", _alice), ("a", _bob)], _self.Received.Select(r => (((HeldCommand)r.Message).Message, r.Sender)));
        Assert.Equal(0, hold.Count);
        Assert.Equal(0, hold.InFlightCount);
    }

    [Fact]
    public void New_commands_wait_behind_a_released_one_still_in_the_mailbox()
    {
        var hold = new CommandHold();
        hold.Accept("old", _alice, blocked: true);
        hold.Release(_self, blocked: false);
        var released = (HeldCommand)_self.Received[0].Message;

        Assert.Null(hold.Accept("new", _bob, blocked: false));      // arrived before the released one came back
        Assert.Equal("old", hold.Accept(released, _alice, false));  // the released one comes back first
        Assert.True(hold.Release(_self, blocked: false));
        Assert.Equal(("new", _bob), (((HeldCommand)_self.Received[1].Message).Message, _self.Received[1].Sender));
    }

    [Fact]
    public void A_released_command_that_meets_a_new_block_stays_ahead_of_newer_ones()
    {
        var hold = new CommandHold();
        hold.Accept("c1", _alice, true);
        hold.Accept("c2", _alice, true);
        hold.Release(_self, false);
        Assert.Null(hold.Accept("n1", _bob, false));
        Assert.Null(hold.Accept(_self.Received[0].Message, _alice, true)); // c1 came back while blocked

        Assert.Equal(["c1", "c2", "n1"], hold.Drain().Select(e => e.Message));
    }

    [Fact]
    public void A_command_the_user_unstashed_goes_before_held_and_in_flight_ones()
    {
        var hold = new CommandHold();
        hold.Accept("h1", _alice, true);
        hold.Accept("h2", _alice, true);
        hold.Release(_self, false);
        var h1 = _self.Received[0].Message;
        Assert.Equal("h1", hold.Accept(h1, _alice, false));
        hold.RememberUserStashed(h1); // the user stashed h1 as received ...
        hold.Release(_self, false);   // ... and h2 is released

        Assert.Equal("h1", hold.Accept(h1, _bob, false)); // ... and unstashed it while h2 is in flight: processed at once
        Assert.Null(hold.Accept("raw", _bob, true));
        hold.RememberUserStashed("u");
        Assert.Null(hold.Accept("u", _bob, true));       // unstashed while blocked: held ahead of "raw"
        Assert.Equal(["u", "raw"], hold.Drain().Select(e => e.Message));
    }

    [Fact]
    public void A_released_command_back_during_a_block_goes_first_and_is_processed_when_it_returns_unblocked()
    {
        var hold = new CommandHold();
        hold.Accept("h1", _alice, true);
        hold.Release(_self, false);
        var h1 = _self.Received[0].Message;
        Assert.Null(hold.Accept("x", _bob, true));
        hold.RememberUserStashed("u");
        Assert.Null(hold.Accept("u", _bob, true));
        Assert.Null(hold.Accept(h1, _alice, true));  // back while blocked: ahead of everything held

        Assert.True(hold.Release(_self, false));
        Assert.Equal("h1", hold.Accept(_self.Received[1].Message, _alice, false)); // processed at once although "u" waits
        Assert.Equal(["u", "x"], hold.Drain().Select(e => e.Message));
    }

    [Fact]
    public void At_capacity_new_commands_overflow_but_released_ones_are_taken_back()
    {
        var hold = new CommandHold();
        Assert.Null(hold.Accept("a", _alice, true, 2, out var overflowA));
        Assert.Null(hold.Accept("b", _alice, true, 2, out var overflowB));
        Assert.Null(hold.Accept("c", _alice, true, 2, out var overflowC));
        hold.Release(_self, false);
        Assert.Null(hold.Accept("d", _alice, true, 1, out var overflowD));
        Assert.Null(hold.Accept(_self.Received[0].Message, _alice, true, 1, out var overflowReturned));

        Assert.Equal((false, false, true, true, false), (overflowA, overflowB, overflowC, overflowD, overflowReturned));
        Assert.Equal(["a", "b"], hold.Drain().Select(e => e.Message));
    }

    [Fact]
    public void A_wrapper_it_did_not_send_is_a_new_arrival()
    {
        var hold = new CommandHold();

        Assert.Equal("stashed", hold.Accept(new HeldCommand(99, "stashed"), _alice, false));
        Assert.Null(hold.Accept(new HeldCommand(98, "later"), _alice, true));
        Assert.Equal(["later"], hold.Drain().Select(e => e.Message));
        Assert.Equal(0, hold.Count);
    }

    [Fact]
    public void One_hold_serves_every_incarnation_of_an_actor()
    {
        Assert.Same(CommandHold.For(_self), CommandHold.For(_self));
        Assert.NotSame(CommandHold.For(_self), CommandHold.For(_alice));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(1234)]
    public void Random_blocks_never_reorder_or_lose_commands(int seed)
    {
        // A simulated mailbox: commands arrive at random; processing a command may start a block (a Persist), which ends
        // when a completion message is processed; it is queued at the tail like a journal reply, or, adversarially, anywhere.
        var random = new Random(seed);
        var hold = new CommandHold();
        var mailbox = new LinkedList<object>();
        var processed = new List<int>();
        var next = 0;
        var blocks = 0;
        var blocksStarted = 0;
        const int total = 500;
        var self = new QueueRef(mailbox);
        var sends = 0;
        self.OnTell = () => sends++;

        var steps = 0;
        for (; steps < 20_000 && processed.Count < total; steps++)
        {
            for (var burst = random.Next(3); burst > 0 && next < total; burst--)
            {
                mailbox.AddLast(next++);
            }

            if (mailbox.Count == 0)
            {
                continue;
            }

            var message = mailbox.First!.Value;
            mailbox.RemoveFirst();
            if (message is Completion)
            {
                blocks--;
            }
            else if (hold.Accept(message, _alice, blocks > 0) is int command)
            {
                processed.Add(command);
                if (random.Next(4) == 0)
                {
                    blocks++;
                    blocksStarted++;
                    var position = random.Next(2) == 0 ? mailbox.Count : random.Next(mailbox.Count + 1);
                    var node = mailbox.First;
                    for (var i = 0; i < position; i++)
                    {
                        node = node!.Next;
                    }

                    if (node is null)
                    {
                        mailbox.AddLast(new Completion()); // as a journal reply does
                    }
                    else
                    {
                        mailbox.AddBefore(node, new Completion()); // adversarial: unblock before released commands are back
                    }
                }
            }

            hold.Release(self, blocks > 0);
        }

        Assert.Equal(Enumerable.Range(0, total), processed);
        Assert.True(sends <= total + blocksStarted, $"{sends} re-sends for {total} commands and {blocksStarted} blocks: each block may re-hold at most the one command in flight");
        Assert.True(steps < 4 * total, $"{steps} steps for {total} commands: held commands cycle through the mailbox too often");
    }

    private sealed record Completion;

    private sealed class QueueRef(LinkedList<object> mailbox) : RecordingRef("queue")
    {
        public Action? OnTell { get; set; }

        public override void Tell(object message, IActorRef sender)
        {
            OnTell?.Invoke();
            mailbox.AddLast(message);
        }
    }

    private class RecordingRef(string name) : IActorRef
    {
        public List<(object Message, IActorRef Sender)> Received { get; } = [];

        public ActorPath Path { get; } = new RootActorPath(new Address("akc", "test")) / name;

        public virtual void Tell(object message, IActorRef sender) => Received.Add((message, sender));

        public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

        public int CompareTo(IActorRef? other) => Path.CompareTo(other?.Path);
    }
}
