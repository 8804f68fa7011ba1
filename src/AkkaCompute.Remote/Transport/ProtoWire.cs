namespace AkkaCompute.Remote.Transport;

/// <summary>
/// The protobuf wire primitives the hot-path envelope codec needs (Protocol Buffers encoding spec,
/// https://protobuf.dev/programming-guides/encoding/): base-128 varints of up to 10 bytes and length-delimited fields.
/// Pure and allocation-free.
/// </summary>
internal static class ProtoWire
{
    /// <summary>Wire type 0: a varint.</summary>
    public const int VarintType = 0;

    /// <summary>Wire type 2: a length-delimited field (string, bytes, embedded message).</summary>
    public const int LengthDelimitedType = 2;

    /// <summary>The longest varint, in bytes (a negative int32 is sign-extended to 64 bits: 10 bytes).</summary>
    public const int MaxVarintBytes = 10;

    /// <summary>The one-byte tag of field <paramref name="field"/> (1..15) with wire type <paramref name="wireType"/>.</summary>
    public static byte Tag(int field, int wireType) => (byte)((field << 3) | wireType);

    /// <summary>Bytes the varint form of <paramref name="value"/> takes: 1..10.</summary>
    public static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    /// <summary>Bytes an int32 field value takes as a varint (protobuf sign-extends negative int32 to 10 bytes).</summary>
    public static int Int32Size(int value) => VarintSize((ulong)(long)value);

    /// <summary>Bytes a length-delimited field with a one-byte tag and <paramref name="contentBytes"/> of content takes.</summary>
    public static int LengthDelimitedSize(int contentBytes) => 1 + VarintSize((ulong)contentBytes) + contentBytes;

    /// <summary>Writes <paramref name="value"/> as a varint at <paramref name="pos"/> and returns the position after it.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="destination"/> is too short.</exception>
    public static int WriteVarint(Span<byte> destination, int pos, ulong value)
    {
        while (value >= 0x80)
        {
            destination[pos++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[pos++] = (byte)value;
        return pos;
    }

    /// <summary>
    /// Reads a varint at <paramref name="pos"/>; false (with <paramref name="pos"/> unchanged) when the bytes end first or
    /// it runs past <see cref="MaxVarintBytes"/>.
    /// </summary>
    public static bool TryReadVarint(ReadOnlySpan<byte> source, scoped ref int pos, out ulong value)
    {
        value = 0;
        var at = pos;
        for (var shift = 0; shift < 7 * MaxVarintBytes; shift += 7)
        {
            if (at >= source.Length)
            {
                return false;
            }

            var b = source[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                pos = at;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads the length prefix of a length-delimited field at <paramref name="pos"/> and returns its content; false when the
    /// length is malformed or runs past the end of <paramref name="source"/>.
    /// </summary>
    public static bool TryReadLengthDelimited(ReadOnlySpan<byte> source, scoped ref int pos, out ReadOnlySpan<byte> content)
    {
        content = default;
        var at = pos;
        if (!TryReadVarint(source, ref at, out var length) || length > (ulong)(source.Length - at))
        {
            return false;
        }

        content = source.Slice(at, (int)length);
        pos = at + (int)length;
        return true;
    }
}
