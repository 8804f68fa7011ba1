namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// The wire ids of AkkaCompute's built-in serializers. Ids 0 to 99 are reserved for AkkaCompute; they are part of the
/// wire protocol and never change.
/// </summary>
public static class SerializerIds
{
    /// <summary>The first id free for user serializers (100); everything below is reserved.</summary>
    public const int FirstUserId = 100;

    /// <summary><see cref="JsonMessageSerializer"/>: System.Text.Json, the default for every unbound type.</summary>
    public const int Json = 1;

    /// <summary><see cref="ProtobufSerializer"/>: Google.Protobuf <c>IMessage</c> types.</summary>
    public const int Protobuf = 2;

    /// <summary><see cref="ByteArraySerializer"/>: <c>byte[]</c> as is.</summary>
    public const int ByteArray = 4;

    /// <summary><see cref="MiscMessageSerializer"/>: the runtime's own messages (Identify, PoisonPill, Status, ...).</summary>
    public const int Misc = 16;
}
