using System.Buffers;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// The output a pooled <see cref="System.Text.Json.Utf8JsonWriter"/> points at between uses, so that it holds no reference
/// to a caller's buffer. Nothing is ever written to it: every method throws <see cref="InvalidOperationException"/>.
/// </summary>
internal sealed class DetachedBufferWriter : IBufferWriter<byte>
{
    private DetachedBufferWriter()
    {
    }

    /// <summary>The single instance.</summary>
    public static DetachedBufferWriter Instance { get; } = new();

    /// <inheritdoc />
    public void Advance(int count) => throw Detached();

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0) => throw Detached();

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0) => throw Detached();

    private static InvalidOperationException Detached() => new("A pooled JSON writer was used while detached from any output.");
}
