namespace AkkaCompute.Remote.Security;

/// <summary>STUB.</summary>
public static class PskHandshake
{
    /// <summary>Stub.</summary>
    public static byte[] NewNonce() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>Stub.</summary>
    public static byte[] ComputeProof(ReadOnlySpan<byte> key, string role, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce, long clientUid, long serverUid, string clusterId) =>
        System.Security.Cryptography.HMACSHA256.HashData(key, [.. System.Text.Encoding.UTF8.GetBytes(role + clusterId + clientUid + ":" + serverUid), .. clientNonce, .. serverNonce]);

    /// <summary>Stub.</summary>
    public static bool VerifyProof(ReadOnlySpan<byte> key, string role, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce, long clientUid, long serverUid, string clusterId, ReadOnlySpan<byte> proof) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(ComputeProof(key, role, clientNonce, serverNonce, clientUid, serverUid, clusterId), proof);
}
