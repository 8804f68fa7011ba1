using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AkkaCompute.Remote.Security;

/// <summary>
/// The pure cryptographic core of the pre-shared-key handshake: nonces and HMAC-SHA256 proofs (HMAC: RFC 2104,
/// <see href="https://www.rfc-editor.org/rfc/rfc2104"/>; SHA-256: FIPS 180-4) that each side knows the cluster's key.
/// No I/O; the transport exchanges the values.
/// </summary>
/// <remarks>
/// <para>
/// A handshake: the client sends a fresh nonce; the server answers with its own fresh nonce and its proof (role
/// <see cref="ServerRole"/>); the client checks it and answers with its proof (role <see cref="ClientRole"/>), which the
/// server checks. Both proofs are computed over the same inputs: both nonces, both actor systems' uids and the cluster id.
/// </para>
/// <para>
/// Why fresh nonces from both sides defeat replay: each verifier draws a new 32-byte random nonce for every handshake
/// and only accepts a proof computed over it. A proof recorded from an earlier handshake was computed over a different
/// nonce, so it does not verify, and without the key an attacker cannot compute one for the new nonce (that is what
/// HMAC's unforgeability gives). A nonce repeating by chance is a 2^-256 event per pair. The client's nonce protects the
/// client, the server's protects the server, so neither has to trust the other to be fresh. The role label stops
/// reflection (sending a node its own proof back from a parallel handshake); the uids bind the proof to these two actor
/// system incarnations and the cluster id to this cluster.
/// </para>
/// <para>
/// Encoding, so that no two different input tuples produce the same HMAC message: the domain label
/// <c>akc-psk-proof-v1</c>, the role, the client nonce and the server nonce, each as a 4-byte big-endian length then the
/// bytes (strings in UTF-8); then the client uid and the server uid as 8-byte big-endian two's complement; then the
/// cluster id as a 4-byte big-endian length and its UTF-8 bytes. Changing it breaks compatibility between nodes.
/// </para>
/// <para>
/// This authenticates the handshake only. It neither encrypts nor authenticates the frames that follow, so an attacker
/// on the path can read them and could take over a connection after relaying a genuine handshake; use TLS
/// (<see cref="TlsStreamFactory"/>) where the network is not trusted.
/// </para>
/// </remarks>
public static class PskHandshake
{
    /// <summary>Size of a nonce, in bytes: 32.</summary>
    public const int NonceSizeBytes = 32;

    /// <summary>Size of a proof (an HMAC-SHA256 tag), in bytes: 32.</summary>
    public const int ProofSizeBytes = 32;

    /// <summary>Longest cluster id, in UTF-8 bytes: 1,024.</summary>
    public const int MaxClusterIdBytes = 1024;

    /// <summary>The role of the connecting side's proof: <c>client</c>.</summary>
    public const string ClientRole = "client";

    /// <summary>The role of the accepting side's proof: <c>server</c>.</summary>
    public const string ServerRole = "server";

    private static ReadOnlySpan<byte> Domain => "akc-psk-proof-v1"u8;

    /// <summary>A fresh nonce from the operating system's cryptographic random number generator.</summary>
    /// <returns>A new array of <see cref="NonceSizeBytes"/> (32) random bytes.</returns>
    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(NonceSizeBytes);

    /// <summary>The proof that the side playing <paramref name="role"/> knows <paramref name="key"/>.</summary>
    /// <param name="key">The pre-shared key (<see cref="PskSettings.KeyBytes"/>); at least 16 bytes.</param>
    /// <param name="role"><see cref="ClientRole"/> or <see cref="ServerRole"/>: whose proof this is.</param>
    /// <param name="clientNonce">The client's nonce; <see cref="NonceSizeBytes"/> bytes.</param>
    /// <param name="serverNonce">The server's nonce; <see cref="NonceSizeBytes"/> bytes.</param>
    /// <param name="clientUid">The uid of the client's actor system.</param>
    /// <param name="serverUid">The uid of the server's actor system.</param>
    /// <param name="clusterId">The cluster's id; at most <see cref="MaxClusterIdBytes"/> UTF-8 bytes.</param>
    /// <returns>A new array of <see cref="ProofSizeBytes"/> (32) bytes.</returns>
    /// <exception cref="ArgumentException">
    /// The key is shorter than 16 bytes, the role is neither <c>client</c> nor <c>server</c>, a nonce is not 32 bytes,
    /// or the cluster id is too long.
    /// </exception>
    /// <exception cref="ArgumentNullException"><paramref name="role"/> or <paramref name="clusterId"/> is null.</exception>
    public static byte[] ComputeProof(
        ReadOnlySpan<byte> key, string role, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce,
        long clientUid, long serverUid, string clusterId)
    {
        CheckOwnInputs(key, role, clusterId);
        CheckNonce(clientNonce, nameof(clientNonce));
        CheckNonce(serverNonce, nameof(serverNonce));
        var proof = new byte[ProofSizeBytes];
        Mac(key, role, clientNonce, serverNonce, clientUid, serverUid, clusterId, proof);
        return proof;
    }

    /// <summary>
    /// Whether <paramref name="proof"/> is the proof of the side playing <paramref name="role"/> over these inputs,
    /// compared in constant time (<see cref="CryptographicOperations.FixedTimeEquals"/>) so that timing reveals nothing of
    /// the expected value.
    /// </summary>
    /// <param name="key">The pre-shared key; at least 16 bytes.</param>
    /// <param name="role">The role of the side that sent <paramref name="proof"/>.</param>
    /// <param name="clientNonce">The client's nonce; a wrong length makes the result false.</param>
    /// <param name="serverNonce">The server's nonce; a wrong length makes the result false.</param>
    /// <param name="clientUid">The uid of the client's actor system.</param>
    /// <param name="serverUid">The uid of the server's actor system.</param>
    /// <param name="clusterId">The cluster's id; at most <see cref="MaxClusterIdBytes"/> UTF-8 bytes.</param>
    /// <param name="proof">The proof received; a wrong length makes the result false.</param>
    /// <returns>True if the proof is valid. Malformed values from the peer give false, never an exception.</returns>
    /// <exception cref="ArgumentException">
    /// The verifier's own inputs are wrong: the key is shorter than 16 bytes, the role is neither <c>client</c> nor
    /// <c>server</c>, or the cluster id is too long.
    /// </exception>
    /// <exception cref="ArgumentNullException"><paramref name="role"/> or <paramref name="clusterId"/> is null.</exception>
    public static bool VerifyProof(
        ReadOnlySpan<byte> key, string role, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce,
        long clientUid, long serverUid, string clusterId, ReadOnlySpan<byte> proof)
    {
        CheckOwnInputs(key, role, clusterId);
        if (clientNonce.Length != NonceSizeBytes || serverNonce.Length != NonceSizeBytes || proof.Length != ProofSizeBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[ProofSizeBytes];
        Mac(key, role, clientNonce, serverNonce, clientUid, serverUid, clusterId, expected);
        return CryptographicOperations.FixedTimeEquals(expected, proof);
    }

    private static void Mac(
        ReadOnlySpan<byte> key, string role, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce,
        long clientUid, long serverUid, string clusterId, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        AppendField(hmac, Domain);
        AppendField(hmac, Encoding.UTF8.GetBytes(role));
        AppendField(hmac, clientNonce);
        AppendField(hmac, serverNonce);
        Span<byte> uid = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(uid, clientUid);
        hmac.AppendData(uid);
        BinaryPrimitives.WriteInt64BigEndian(uid, serverUid);
        hmac.AppendData(uid);
        AppendField(hmac, Encoding.UTF8.GetBytes(clusterId));
        hmac.GetHashAndReset(destination);
    }

    private static void AppendField(IncrementalHash hmac, ReadOnlySpan<byte> bytes)
    {
        Span<byte> length = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hmac.AppendData(length);
        hmac.AppendData(bytes);
    }

    private static void CheckOwnInputs(ReadOnlySpan<byte> key, string role, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(clusterId);
        if (key.Length < PskSettings.MinKeyBytes)
        {
            throw new ArgumentException($"The key must be at least {PskSettings.MinKeyBytes} bytes (it is {key.Length}).", nameof(key));
        }

        if (role is not (ClientRole or ServerRole))
        {
            throw new ArgumentException($"The role must be '{ClientRole}' or '{ServerRole}', not '{role}'.", nameof(role));
        }

        if (Encoding.UTF8.GetByteCount(clusterId) > MaxClusterIdBytes)
        {
            throw new ArgumentException($"The cluster id must be at most {MaxClusterIdBytes} UTF-8 bytes.", nameof(clusterId));
        }
    }

    private static void CheckNonce(ReadOnlySpan<byte> nonce, string name)
    {
        if (nonce.Length != NonceSizeBytes)
        {
            throw new ArgumentException($"A nonce must be {NonceSizeBytes} bytes (it is {nonce.Length}).", name);
        }
    }
}
