using AkkaCompute.Remote.Endpoint;
using AkkaCompute.Remote.Wire;

namespace AkkaCompute.Remote.Tests.Endpoint;

/// <summary>The pure halves of reliable DeathWatch delivery: the sender's buffer and the receiver's sequence.</summary>
public sealed class SystemMessageDeliveryTests
{
    private static SystemEnvelope Watch(string watchee) =>
        new() { Watch = new WatchData { Watchee = new ActorRefData { Path = watchee }, Watcher = new ActorRefData { Path = "w" } } };

    [Fact]
    public void The_buffer_numbers_messages_from_1_and_keeps_them_until_acknowledged()
    {
        var buffer = new SystemMessageBuffer(capacity: 10);
        var frames = Enumerable.Range(0, 4).Select(i => buffer.Add(Watch("a" + i))!).ToList();
        Assert.Equal([1UL, 2UL, 3UL, 4UL], frames.Select(f => f.System.Seq));
        Assert.Equal(4, buffer.Count);

        Assert.Equal(2, buffer.Acknowledge(2));
        Assert.Equal([3UL, 4UL], buffer.Unacknowledged().Select(f => f.System.Seq));
        Assert.Equal(0, buffer.Acknowledge(2)); // a repeated acknowledgement changes nothing
        Assert.Equal(2, buffer.Acknowledge(100));
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public void A_full_buffer_refuses_and_a_reset_starts_numbering_again()
    {
        var buffer = new SystemMessageBuffer(capacity: 2);
        Assert.NotNull(buffer.Add(Watch("a")));
        Assert.NotNull(buffer.Add(Watch("b")));
        Assert.Null(buffer.Add(Watch("c")));
        buffer.Reset();
        Assert.Equal(0, buffer.Count);
        Assert.Equal(1UL, buffer.Add(Watch("d"))!.System.Seq);
    }

    [Fact]
    public void The_sequence_delivers_each_number_once_and_in_order()
    {
        var sequence = new SystemMessageSequence();
        Assert.Equal(SystemMessageVerdict.Deliver, sequence.Accept(1));
        Assert.Equal(SystemMessageVerdict.Deliver, sequence.Accept(2));
        Assert.Equal(SystemMessageVerdict.Duplicate, sequence.Accept(1)); // sent again after a reconnect
        Assert.Equal(SystemMessageVerdict.Duplicate, sequence.Accept(2));
        Assert.Equal(SystemMessageVerdict.Gap, sequence.Accept(4)); // 3 is missing: 4 waits for it
        Assert.Equal(2UL, sequence.LastDelivered);
        Assert.Equal(SystemMessageVerdict.Deliver, sequence.Accept(3));
        Assert.Equal(SystemMessageVerdict.Deliver, sequence.Accept(4));
        Assert.Equal(4UL, sequence.LastDelivered);
    }
}
