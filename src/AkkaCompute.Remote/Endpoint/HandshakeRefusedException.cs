namespace AkkaCompute.Remote.Endpoint;

/// <summary>A handshake was refused by the peer or by this node; the message is the reason.</summary>
internal sealed class HandshakeRefusedException(string reason) : Exception(reason);
