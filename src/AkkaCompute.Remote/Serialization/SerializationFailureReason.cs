namespace AkkaCompute.Remote.Serialization;

/// <summary>Why a <see cref="SerializationFailedException"/> was thrown.</summary>
public enum SerializationFailureReason
{
    /// <summary>No serializer is registered under the payload's serializer id.</summary>
    UnknownSerializerId,

    /// <summary>The manifest names no type (or message kind) the serializer knows.</summary>
    UnknownManifest,

    /// <summary>The manifest names a type that is unsafe to materialize from the wire, or that the serializer does not handle.</summary>
    RefusedManifest,

    /// <summary>The serializer failed on the bytes (garbage, truncated, or too deeply nested); the cause is the inner exception when there is one.</summary>
    InvalidPayload,

    /// <summary>A message could not be turned into bytes (the serializer threw, or nesting was too deep).</summary>
    SerializeFailed,
}
