using System.Buffers;
using AkkaCompute.Remote.Transport;

namespace AkkaCompute.Remote.Tests.Transport;

public sealed class FrameCodecTests
{
    private static byte[] Encode(FrameCodec codec, params byte[][] payloads)
    {
        var writer = new ArrayBufferWriter<byte>();
        foreach (var payload in payloads)
        {
            codec.WriteFrame(writer, payload);
        }

        return writer.WrittenSpan.ToArray();
    }

    private static List<byte[]> DecodeAll(FrameDecoder decoder, ReadOnlySequence<byte> buffer, out long remaining)
    {
        var frames = new List<byte[]>();
        while (decoder.TryReadFrame(ref buffer, out var payload))
        {
            frames.Add(payload.ToArray());
        }

        remaining = buffer.Length;
        return frames;
    }

    private static byte[][] RandomPayloads(int seed, int count, int maxSize)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var bytes = new byte[random.Next(0, maxSize + 1)];
            random.NextBytes(bytes);
            return bytes;
        })];
    }

    [Fact]
    public void Frame_is_a_big_endian_length_then_the_payload()
    {
        var bytes = Encode(new FrameCodec(), [0xAA, 0xBB, 0xCC]);
        Assert.Equal(new byte[] { 0, 0, 0, 3, 0xAA, 0xBB, 0xCC }, bytes);
    }

    [Fact]
    public void Many_frames_round_trip_from_one_buffer()
    {
        var codec = new FrameCodec();
        var payloads = RandomPayloads(seed: 7, count: 1000, maxSize: 300);
        var frames = DecodeAll(codec.CreateDecoder(), new ReadOnlySequence<byte>(Encode(codec, payloads)), out var remaining);
        Assert.Equal(payloads, frames);
        Assert.Equal(0, remaining);
    }

    [Fact]
    public void Sequence_payload_encodes_like_the_same_bytes()
    {
        var codec = new FrameCodec();
        var writer = new ArrayBufferWriter<byte>();
        codec.WriteFrame(writer, Segment.Split([1, 2, 3, 4, 5], 1, 3));
        Assert.Equal(Encode(codec, [1, 2, 3, 4, 5]), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Frames_split_at_every_byte_boundary_decode_the_same()
    {
        var codec = new FrameCodec();
        byte[][] payloads = [[1, 2, 3, 4, 5, 6, 7], [], [9], [10, 11, 12, 13, 14]];
        var bytes = Encode(codec, payloads);
        var decoder = codec.CreateDecoder();

        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            Assert.Equal(payloads, DecodeAll(decoder, Segment.Split(bytes, cut), out var remaining));
            Assert.Equal(0, remaining);
        }

        Assert.Equal(payloads, DecodeAll(decoder, Segment.Bytewise(bytes), out _));
    }

    [Fact]
    public void Bytes_arriving_one_at_a_time_yield_each_frame_exactly_when_it_is_complete()
    {
        var codec = new FrameCodec();
        byte[][] payloads = [[1, 2, 3], [], [4, 5]];
        var bytes = Encode(codec, payloads);
        var decoder = codec.CreateDecoder();
        var frameEnds = new[] { 7, 11, 17 };
        var consumed = 0;
        var frames = new List<byte[]>();

        for (var received = 0; received <= bytes.Length; received++)
        {
            // Like a PipeReader: the unconsumed bytes received so far, possibly in pieces.
            var buffer = Segment.Bytewise(bytes[consumed..received]);
            while (decoder.TryReadFrame(ref buffer, out var payload))
            {
                frames.Add(payload.ToArray());
                consumed = received - (int)buffer.Length;
                Assert.Contains(consumed, frameEnds);
                Assert.Equal(received, consumed);
            }
        }

        Assert.Equal(payloads, frames);
    }

    [Fact]
    public void Incomplete_frame_returns_false_and_leaves_the_buffer_unchanged()
    {
        var decoder = new FrameDecoder();
        var bytes = Encode(new FrameCodec(), [1, 2, 3]);
        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = Segment.Bytewise(bytes[..length]);
            var before = buffer;
            Assert.False(decoder.TryReadFrame(ref buffer, out var payload));
            Assert.True(payload.IsEmpty);
            Assert.Equal(before.Start, buffer.Start);
            Assert.Equal(before.End, buffer.End);
        }
    }

    [Fact]
    public void Empty_payload_is_a_four_byte_frame()
    {
        var codec = new FrameCodec();
        var bytes = Encode(codec, Array.Empty<byte>());
        Assert.Equal(new byte[] { 0, 0, 0, 0 }, bytes);
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(codec.CreateDecoder().TryReadFrame(ref buffer, out var payload));
        Assert.True(payload.IsEmpty);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Payload_of_exactly_the_limit_round_trips()
    {
        var codec = new FrameCodec(maxFrameSizeBytes: 16);
        var payload = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        Assert.Equal([payload], DecodeAll(codec.CreateDecoder(), new ReadOnlySequence<byte>(Encode(codec, payload)), out _));
    }

    [Fact]
    public void Default_limit_is_4_MiB_and_a_4_MiB_payload_round_trips()
    {
        var codec = new FrameCodec();
        Assert.Equal(4 * 1024 * 1024, codec.MaxFrameSizeBytes);
        var payload = new byte[codec.MaxFrameSizeBytes];
        payload[^1] = 42;
        var frames = DecodeAll(codec.CreateDecoder(), new ReadOnlySequence<byte>(Encode(codec, payload)), out _);
        Assert.Equal(payload, Assert.Single(frames));
    }

    [Fact]
    public void Oversized_payload_fails_to_encode_with_size_and_limit_and_writes_nothing()
    {
        var codec = new FrameCodec(maxFrameSizeBytes: 16);
        var writer = new ArrayBufferWriter<byte>();
        var error = Assert.Throws<FrameTooLargeException>(() => codec.WriteFrame(writer, new byte[17]));
        Assert.Equal(17, error.PayloadSizeBytes);
        Assert.Equal(16, error.MaxFrameSizeBytes);
        Assert.Contains("17 bytes", error.Message);
        Assert.Contains("16 bytes", error.Message);
        Assert.Equal(0, writer.WrittenCount);

        Assert.Throws<FrameTooLargeException>(() => codec.WriteFrame(writer, Segment.Split(new byte[17], 8)));
        Assert.Equal(0, writer.WrittenCount);
    }

    [Fact]
    public void Declared_length_over_the_limit_is_rejected_from_the_prefix_alone()
    {
        var decoder = new FrameDecoder(maxFrameSizeBytes: 16);
        var buffer = Segment.Split([0, 0, 0, 17], 2);
        var error = Assert.Throws<FrameDecodingException>(() => decoder.TryReadFrame(ref buffer, out _));
        Assert.Equal(17, error.DeclaredLengthBytes);
        Assert.Equal(16, error.MaxFrameSizeBytes);
        Assert.Contains(FrameCodec.MaxFrameSizeKey, error.Message);
    }

    [Fact]
    public void Length_prefix_of_0x7FFFFFFF_is_rejected_immediately_without_allocating()
    {
        var decoder = new FrameDecoder();
        var bytes = new byte[] { 0x7F, 0xFF, 0xFF, 0xFF };

        var before = GC.GetAllocatedBytesForCurrentThread();
        long after;
        try
        {
            var buffer = new ReadOnlySequence<byte>(bytes);
            decoder.TryReadFrame(ref buffer, out _);
            Assert.Fail("expected a FrameDecodingException");
            return;
        }
        catch (FrameDecodingException error)
        {
            after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(int.MaxValue, error.DeclaredLengthBytes);
        }

        // Only the exception and its message, nowhere near the 2 GB the prefix asked for.
        Assert.InRange(after - before, 0, 64 * 1024);
    }

    [Fact]
    public void Length_prefix_with_the_high_bit_set_is_rejected_as_negative()
    {
        var buffer = new ReadOnlySequence<byte>([0xFF, 0xFF, 0xFF, 0xFE, 1, 2]);
        var error = Assert.Throws<FrameDecodingException>(() => new FrameDecoder().TryReadFrame(ref buffer, out _));
        Assert.Equal(0xFFFFFFFEL, error.DeclaredLengthBytes);
        Assert.Contains("negative", error.Message);
    }

    [Fact]
    public void Random_bytes_never_throw_anything_but_FrameDecodingException()
    {
        var random = new Random(20240601);
        var decoder = new FrameDecoder(maxFrameSizeBytes: 32);
        var frames = 0;
        var rejected = 0;

        for (var iteration = 0; iteration < 5000; iteration++)
        {
            var bytes = new byte[random.Next(0, 80)];
            random.NextBytes(bytes);
            // Small leading bytes make plausible prefixes, so valid frames are exercised too.
            if (bytes.Length >= 3 && random.Next(2) == 0)
            {
                bytes[0] = bytes[1] = bytes[2] = 0;
            }

            var cuts = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(0, bytes.Length + 1)).Order().ToArray();
            var buffer = Segment.Split(bytes, cuts);
            try
            {
                long consumed = 0;
                while (decoder.TryReadFrame(ref buffer, out var payload))
                {
                    Assert.InRange(payload.Length, 0, 32);
                    consumed += FrameCodec.LengthPrefixBytes + payload.Length;
                    frames++;
                }

                Assert.Equal(bytes.Length, consumed + buffer.Length);
            }
            catch (FrameDecodingException)
            {
                rejected++;
            }
        }

        Assert.True(frames > 100, $"only {frames} frames decoded");
        Assert.True(rejected > 100, $"only {rejected} rejections");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData((1 << 30) + 1)]
    public void Out_of_range_limit_is_a_configuration_error_naming_the_key(int maxFrameSizeBytes)
    {
        var error = Assert.Throws<ConfigurationException>(() => new FrameCodec(maxFrameSizeBytes));
        Assert.Equal(FrameCodec.MaxFrameSizeKey, error.Key);
        Assert.Contains(maxFrameSizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Throws<ConfigurationException>(() => new FrameDecoder(maxFrameSizeBytes));
    }
}
