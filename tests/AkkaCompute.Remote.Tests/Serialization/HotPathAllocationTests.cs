using System.Buffers;
using AkkaCompute.Remote.Wire;

namespace AkkaCompute.Remote.Tests.Serialization;

/// <summary>Once a type has been seen, serializing it allocates nothing beyond what the caller's buffer needs.</summary>
public sealed class HotPathAllocationTests
{
    private const int Calls = 1_000;

    [Fact]
    public void Serializing_a_seen_json_record_protobuf_message_or_byte_array_allocates_nothing()
    {
        var registry = Harness.NewRegistry();
        var output = new ArrayBufferWriter<byte>(4096);
        object[] messages = [new Ping(7, "hello"), new Heartbeat { Uid = 42 }, new byte[16]];
        foreach (var message in messages)
        {
            for (var i = 0; i < 10; i++)
            {
                output.ResetWrittenCount();
                registry.Serialize(message, output, out _, out _);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Calls; i++)
            {
                output.ResetWrittenCount();
                registry.Serialize(message, output, out _, out _);
            }

            // Under one byte per call: any per-call allocation (the smallest object is 24 bytes) fails; a one-off runtime allocation does not.
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < Calls, $"{message.GetType().Name}: {allocated} bytes allocated over {Calls} calls");
        }
    }
}
