using System.Text;
using AkkaCompute.Remote.Endpoint;
using AkkaCompute.Remote.Transport;
using AkkaCompute.Remote.Wire;
using Google.Protobuf;

namespace AkkaCompute.Remote.Tests.Transport;

public sealed class EnvelopeCodecTests
{
    private const string Recipient = "akc.tcp://peer@127.0.0.1:2552/user/echo-0#1234567";
    private const string Sender = "akc.tcp://bench@127.0.0.1:2553/user/pinger#-98765";

    public static TheoryData<string, string?, int, string, int> Shapes() => new()
    {
        { Recipient, Sender, 3, "AkkaCompute.Bench.RemotePing", 23 },
        { Recipient, null, 3, "M", 1 },
        { "", Sender, 0, "", 0 },
        { "", null, 0, "", 0 },
        { Recipient, "", -1, "manifest", 5 },
        { Recipient, Sender, int.MaxValue, "m", 130 },
        { Recipient, Sender, int.MinValue, "m", 20_000 },
        { new string('a', 200), new string('b', 127), 127, new string('c', 128), 16_384 },
        { "akc.tcp://sys@host:1/user/größe-名前#1", "akc.tcp://sys@host:1/user/😀", 4, "Ünïcode", 3 },
    };

    private static byte[] MessageBytes(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31))];

    private static WireFrame Generated(string recipient, string? sender, int serializerId, string manifest, byte[] message)
    {
        var envelope = new RemoteEnvelope
        {
            Recipient = new ActorRefData { Path = recipient },
            Message = new Payload { SerializerId = serializerId, Manifest = manifest, Message = ByteString.CopyFrom(message) },
        };
        if (sender is not null)
        {
            envelope.Sender = new ActorRefData { Path = sender };
        }

        return new WireFrame { Envelope = envelope };
    }

    private static byte[] Encode(string recipient, string? sender, int serializerId, string manifest, byte[] message)
    {
        var parts = new EnvelopeEncoder.Parts(recipient, sender, serializerId, manifest);
        var layout = EnvelopeEncoder.Measure(parts, message.Length);
        var buffer = new byte[layout.TotalBytes + 7];
        var written = EnvelopeEncoder.Write(buffer, parts, layout, message);
        Assert.Equal(layout.TotalBytes, written);
        return buffer[..written];
    }

    private static byte[] GeneratedBytes(WireFrame frame)
    {
        var encoded = OutboundFrame.Encode(frame, null);
        try
        {
            return encoded.Buffer[..encoded.Length];
        }
        finally
        {
            encoded.Return();
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_encoder_writes_the_bytes_the_generated_code_writes(string recipient, string? sender, int serializerId, string manifest, int messageBytes)
    {
        var message = MessageBytes(messageBytes);

        var fast = Encode(recipient, sender, serializerId, manifest, message);

        Assert.Equal(GeneratedBytes(Generated(recipient, sender, serializerId, manifest, message)), fast);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_decoder_reads_what_the_generated_code_wrote(string recipient, string? sender, int serializerId, string manifest, int messageBytes)
    {
        var message = MessageBytes(messageBytes);
        var frame = GeneratedBytes(Generated(recipient, sender, serializerId, manifest, message))[FrameCodec.LengthPrefixBytes..];

        Assert.True(EnvelopeDecoder.TryRead(frame, out var view));

        Assert.Equal(recipient, Encoding.UTF8.GetString(view.RecipientPath));
        Assert.Equal(sender is not null, view.HasSender);
        Assert.Equal(sender ?? "", Encoding.UTF8.GetString(view.SenderPath));
        Assert.Equal(serializerId, view.SerializerId);
        Assert.Equal(manifest, Encoding.UTF8.GetString(view.Manifest));
        Assert.Equal(message, view.Message.ToArray());
    }

    [Fact]
    public void Frames_outside_the_plain_envelope_layout_are_left_to_the_generated_parser()
    {
        var withSelection = Generated(Recipient, Sender, 3, "m", [1, 2]);
        withSelection.Envelope.Selection.Add("child");
        var withoutRecipient = new WireFrame { Envelope = new RemoteEnvelope { Message = new Payload { SerializerId = 1 } } };
        var plain = GeneratedBytes(Generated(Recipient, Sender, 3, "m", [1, 2]))[FrameCodec.LengthPrefixBytes..];
        byte[] unknownPayloadField = [.. plain, 0x20, 0x01];

        Assert.False(EnvelopeDecoder.TryRead(Payload(new WireFrame { Heartbeat = new Heartbeat { Uid = 5 } }), out _));
        Assert.False(EnvelopeDecoder.TryRead(Payload(withSelection), out _));
        Assert.False(EnvelopeDecoder.TryRead(unknownPayloadField, out _));
        Assert.False(EnvelopeDecoder.TryRead([.. plain, .. plain], out _));
        Assert.False(EnvelopeDecoder.TryRead([], out _));
        Assert.True(EnvelopeDecoder.TryRead(Payload(withoutRecipient), out var view));
        Assert.True(view.RecipientPath.IsEmpty);
        Assert.False(view.HasSender);
    }

    [Fact]
    public void Every_truncation_of_a_frame_is_refused()
    {
        var frame = Payload(Generated(Recipient, Sender, 3, "manifest", MessageBytes(40)));

        for (var length = 0; length < frame.Length; length++)
        {
            Assert.False(EnvelopeDecoder.TryRead(frame.AsSpan(0, length), out _), $"a frame cut to {length} of {frame.Length} bytes was read");
        }
    }

    [Fact]
    public void On_random_and_mutated_bytes_the_decoder_never_throws_and_agrees_with_the_generated_parser()
    {
        var random = new Random(20261122);
        var valid = Payload(Generated(Recipient, Sender, 3, "manifest", MessageBytes(24)));
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = new byte[random.Next(0, 64)];
                random.NextBytes(bytes);
            }
            else
            {
                bytes = (byte[])valid.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
            }

            if (!EnvelopeDecoder.TryRead(bytes, out var view))
            {
                continue;
            }

            accepted++;
            var parsed = WireFrame.Parser.ParseFrom(bytes);
            Assert.Equal(WireFrame.KindOneofCase.Envelope, parsed.KindCase);
            Assert.Equal(parsed.Envelope.Recipient?.Path ?? "", Encoding.UTF8.GetString(view.RecipientPath));
            Assert.Equal(parsed.Envelope.Sender is not null, view.HasSender);
            Assert.Equal(parsed.Envelope.Sender?.Path ?? "", Encoding.UTF8.GetString(view.SenderPath));
            Assert.Equal(parsed.Envelope.Message?.SerializerId ?? 0, view.SerializerId);
            Assert.Equal(parsed.Envelope.Message?.Manifest ?? "", Encoding.UTF8.GetString(view.Manifest));
            Assert.Equal(parsed.Envelope.Message?.Message.ToByteArray() ?? [], view.Message.ToArray());
        }

        Assert.True(accepted > 100, $"only {accepted} mutated frames were read: the test does not exercise the decoder");
    }

    private static byte[] Payload(WireFrame frame) => GeneratedBytes(frame)[FrameCodec.LengthPrefixBytes..];
}
