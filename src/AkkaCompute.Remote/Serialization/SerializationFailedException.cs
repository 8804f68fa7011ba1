using AkkaCompute.Actors;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// A message could not be deserialized (or serialized) by the <see cref="SerializationRegistry"/>. The message names the
/// serializer id, the manifest and the reason, e.g.
/// <c>Cannot deserialize a payload with serializer id 1 and manifest 'System.IO.FileInfo, System.Runtime': refused manifest: ...</c>.
/// The transport drops the offending message and logs this; the connection and the node carry on.
/// </summary>
public sealed class SerializationFailedException : AkkaException
{
    /// <summary>Manifests longer than this (in chars) are cut in the exception message; <see cref="Manifest"/> keeps the whole text.</summary>
    public const int MaxManifestCharsInMessage = 256;

    /// <summary>Creates the exception.</summary>
    /// <param name="serializerId">The serializer id of the payload.</param>
    /// <param name="manifest">The manifest of the payload; null is stored as empty.</param>
    /// <param name="reason">What went wrong.</param>
    /// <param name="detail">The human-readable explanation appended to the message, e.g. the inner exception's message.</param>
    /// <param name="cause">The underlying exception, or null.</param>
    public SerializationFailedException(int serializerId, string? manifest, SerializationFailureReason reason, string detail, Exception? cause = null)
        : base(Format(serializerId, manifest ?? string.Empty, reason, detail), cause)
    {
        SerializerId = serializerId;
        Manifest = manifest ?? string.Empty;
        Reason = reason;
    }

    /// <summary>The serializer id of the payload.</summary>
    public int SerializerId { get; }

    /// <summary>The manifest of the payload, in full; empty when there was none.</summary>
    public string Manifest { get; }

    /// <summary>What went wrong.</summary>
    public SerializationFailureReason Reason { get; }

    private static string Format(int serializerId, string manifest, SerializationFailureReason reason, string detail)
    {
        var shown = manifest.Length <= MaxManifestCharsInMessage ? manifest : manifest[..MaxManifestCharsInMessage] + "...";
        var verb = reason == SerializationFailureReason.SerializeFailed ? "serialize" : "deserialize";
        var reasonText = reason switch
        {
            SerializationFailureReason.UnknownSerializerId => "unknown serializer id",
            SerializationFailureReason.UnknownManifest => "unknown manifest",
            SerializationFailureReason.RefusedManifest => "refused manifest",
            SerializationFailureReason.InvalidPayload => "payload failed to deserialize",
            _ => "payload failed to serialize",
        };
        return $"Cannot {verb} a payload with serializer id {serializerId} and manifest '{shown}': {reasonText}: {detail}";
    }
}
