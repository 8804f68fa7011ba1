namespace AkkaCompute.Remote.Serialization;

/// <summary>STUB.</summary>
public sealed class SerializationFailedException(string message, Exception? inner = null) : Exception(message, inner);
