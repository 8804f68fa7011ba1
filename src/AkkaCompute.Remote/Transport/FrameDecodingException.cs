using AkkaCompute.Actors;

namespace AkkaCompute.Remote.Transport;

/// <summary>
/// Thrown by <see cref="FrameDecoder.TryReadFrame"/> when a length prefix declares a frame larger than the maximum frame
/// size (a prefix with the high bit set, which would be negative as a signed 32-bit length, always is). The stream cannot
/// be resynchronised after that: the connection must be closed (and the event logged); nothing else is affected.
/// </summary>
public sealed class FrameDecodingException : AkkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="declaredLengthBytes">The length the prefix declared, read as an unsigned 32-bit number.</param>
    /// <param name="maxFrameSizeBytes">The limit in bytes.</param>
    public FrameDecodingException(long declaredLengthBytes, int maxFrameSizeBytes)
        : base($"Frame length prefix declares {declaredLengthBytes} bytes{(declaredLengthBytes > int.MaxValue ? " (negative as a signed length)" : string.Empty)}, over the maximum frame size of {maxFrameSizeBytes} bytes ({FrameCodec.MaxFrameSizeKey}); closing the connection.")
    {
        DeclaredLengthBytes = declaredLengthBytes;
        MaxFrameSizeBytes = maxFrameSizeBytes;
    }

    /// <summary>The length the prefix declared, read as an unsigned 32-bit number (0 to 4,294,967,295).</summary>
    public long DeclaredLengthBytes { get; }

    /// <summary>The maximum frame (payload) size in bytes that was exceeded.</summary>
    public int MaxFrameSizeBytes { get; }
}
