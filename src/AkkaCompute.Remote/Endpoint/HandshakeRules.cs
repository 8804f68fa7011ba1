using AkkaCompute.Actors;
using AkkaCompute.Remote.Wire;

namespace AkkaCompute.Remote.Endpoint;

/// <summary>What a node is, for judging a handshake.</summary>
/// <param name="System">This system's name.</param>
/// <param name="ClusterId">This node's cluster id.</param>
/// <param name="Psk">True in PSK mode (nonces and proofs are required).</param>
/// <param name="AllowedNodeIds">Peer addresses allowed to associate; empty allows all.</param>
internal sealed record LocalIdentity(string System, string ClusterId, bool Psk, IReadOnlyList<string> AllowedNodeIds);

/// <summary>
/// The pure rules of the association handshake: each returns null when the other side is acceptable, or the reason it
/// is refused (logged on both sides and sent to the peer).
/// </summary>
internal static class HandshakeRules
{
    /// <summary>The nonce size in bytes (both sides send 32 fresh random bytes).</summary>
    public const int NonceBytes = 32;

    /// <summary>Judges a connecting peer's request; <paramref name="peerAddress"/> is its parsed address when acceptable.</summary>
    public static string? CheckRequest(HandshakeRequest request, LocalIdentity local, Func<long, bool> isQuarantined, out Address? peerAddress)
    {
        peerAddress = null;
        if (request.ProtocolVersion != RemoteSettings.ProtocolVersion)
        {
            return $"protocol version mismatch: this node speaks {RemoteSettings.ProtocolVersion}, the peer {request.ProtocolVersion}";
        }

        if (request.TargetSystem != local.System)
        {
            return $"system name mismatch: this node is '{local.System}', the peer expected '{request.TargetSystem}'";
        }

        if (request.ClusterId != local.ClusterId)
        {
            return $"cluster id mismatch: this node is in '{local.ClusterId}', the peer in '{request.ClusterId}'";
        }

        if (!TryParseAddress(request.Address, out var address) || address.System != request.System)
        {
            return $"invalid peer address '{request.Address}': expected {RemoteSettings.Protocol}://{request.System}@host:port";
        }

        if (request.Uid == 0)
        {
            return "invalid peer uid 0";
        }

        if (request.Nonce.Length != NonceBytes)
        {
            return $"invalid nonce: expected {NonceBytes} bytes, got {request.Nonce.Length}";
        }

        if (isQuarantined(request.Uid))
        {
            return $"incarnation {request.Uid} of {address} is quarantined by this node";
        }

        if (local.AllowedNodeIds.Count > 0 && !local.AllowedNodeIds.Contains(address.ToString(), StringComparer.Ordinal))
        {
            return $"node {address} is not in akc.remote.psk.allowed-node-ids";
        }

        peerAddress = address;
        return null;
    }

    /// <summary>Judges the accepting peer's response to our request for <paramref name="expected"/>.</summary>
    public static string? CheckResponse(HandshakeResponse response, Address expected, LocalIdentity local, Func<long, bool> isQuarantined)
    {
        if (!response.Accepted)
        {
            return $"refused by {expected}: {response.Reason}";
        }

        if (response.ProtocolVersion != RemoteSettings.ProtocolVersion)
        {
            return $"protocol version mismatch: this node speaks {RemoteSettings.ProtocolVersion}, {expected} {response.ProtocolVersion}";
        }

        if (response.ClusterId != local.ClusterId)
        {
            return $"cluster id mismatch: this node is in '{local.ClusterId}', {expected} in '{response.ClusterId}'";
        }

        if (response.System != expected.System)
        {
            return $"system name mismatch: expected '{expected.System}', {expected} is '{response.System}'";
        }

        if (response.Uid == 0)
        {
            return "invalid peer uid 0";
        }

        if (response.Nonce.Length != NonceBytes)
        {
            return $"invalid nonce: expected {NonceBytes} bytes, got {response.Nonce.Length}";
        }

        if (local.Psk && response.Proof.Length == 0)
        {
            return $"{expected} sent no PSK proof (is it configured for akc.remote.security.mode = psk?)";
        }

        return isQuarantined(response.Uid) ? $"incarnation {response.Uid} of {expected} is quarantined by this node" : null;
    }

    private static bool TryParseAddress(string text, out Address address)
    {
        address = null!;
        try
        {
            address = Address.Parse(text);
            return address.Protocol == RemoteSettings.Protocol && address.HasGlobalScope;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
