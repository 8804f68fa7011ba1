using AkkaCompute.Actors;

namespace AkkaCompute.Remote.Transport;

/// <summary>
/// Thrown by <see cref="FrameCodec.WriteFrame(System.Buffers.IBufferWriter{byte}, ReadOnlySpan{byte})"/> when a payload is
/// larger than the maximum frame size. Nothing has been written to the buffer writer when it is thrown; the caller sends
/// the message to dead letters with this reason and keeps the association.
/// </summary>
public sealed class FrameTooLargeException : AkkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="payloadSizeBytes">The rejected payload's size in bytes.</param>
    /// <param name="maxFrameSizeBytes">The limit in bytes.</param>
    public FrameTooLargeException(long payloadSizeBytes, int maxFrameSizeBytes)
        : base($"Frame payload of {payloadSizeBytes} bytes exceeds the maximum frame size of {maxFrameSizeBytes} bytes ({FrameCodec.MaxFrameSizeKey}).")
    {
        PayloadSizeBytes = payloadSizeBytes;
        MaxFrameSizeBytes = maxFrameSizeBytes;
    }

    /// <summary>The rejected payload's size in bytes.</summary>
    public long PayloadSizeBytes { get; }

    /// <summary>The maximum frame (payload) size in bytes that was exceeded.</summary>
    public int MaxFrameSizeBytes { get; }
}
