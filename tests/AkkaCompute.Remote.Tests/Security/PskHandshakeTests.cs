using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using AkkaCompute.Remote.Security;

namespace AkkaCompute.Remote.Tests.Security;

public sealed class PskHandshakeTests
{
    private const long ClientUid = 1234567890123L;
    private const long ServerUid = -42L;
    private const string ClusterId = "akc-test-cluster";

    private static readonly byte[] Key = new PskSettings { Key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray()) }.KeyBytes();
    private static readonly byte[] ClientNonce = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] ServerNonce = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    private static byte[] Proof(string role, byte[]? key = null, byte[]? clientNonce = null, byte[]? serverNonce = null,
        long clientUid = ClientUid, long serverUid = ServerUid, string clusterId = ClusterId) =>
        PskHandshake.ComputeProof(key ?? Key, role, clientNonce ?? ClientNonce, serverNonce ?? ServerNonce, clientUid, serverUid, clusterId);

    private static bool Verify(string role, byte[] proof, byte[]? key = null, byte[]? clientNonce = null, byte[]? serverNonce = null,
        long clientUid = ClientUid, long serverUid = ServerUid, string clusterId = ClusterId) =>
        PskHandshake.VerifyProof(key ?? Key, role, clientNonce ?? ClientNonce, serverNonce ?? ServerNonce, clientUid, serverUid, clusterId, proof);

    [Fact]
    public void Nonces_are_32_fresh_random_bytes()
    {
        var a = PskHandshake.NewNonce();
        var b = PskHandshake.NewNonce();
        Assert.Equal(PskHandshake.NonceSizeBytes, a.Length);
        Assert.Equal(32, b.Length);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(PskHandshake.ClientRole)]
    [InlineData(PskHandshake.ServerRole)]
    public void A_proof_verifies_with_the_same_key_and_inputs(string role)
    {
        var proof = Proof(role);
        Assert.Equal(PskHandshake.ProofSizeBytes, proof.Length);
        Assert.True(Verify(role, proof));
    }

    [Fact]
    public void A_proof_made_with_another_key_fails()
    {
        var otherKey = Encoding.UTF8.GetBytes("another cluster's key, 32 chars!");
        Assert.False(Verify(PskHandshake.ClientRole, Proof(PskHandshake.ClientRole, key: otherKey)));
    }

    [Fact]
    public void Swapped_roles_fail_so_a_proof_cannot_be_reflected_back()
    {
        Assert.NotEqual(Proof(PskHandshake.ClientRole), Proof(PskHandshake.ServerRole));
        Assert.False(Verify(PskHandshake.ServerRole, Proof(PskHandshake.ClientRole)));
        Assert.False(Verify(PskHandshake.ClientRole, Proof(PskHandshake.ServerRole)));
    }

    [Fact]
    public void A_replayed_client_proof_fails_against_the_servers_fresh_nonce()
    {
        // Recorded from an earlier handshake: the attacker replays the client's nonce and proof.
        var recorded = Proof(PskHandshake.ClientRole);
        var freshServerNonce = PskHandshake.NewNonce();
        Assert.False(Verify(PskHandshake.ClientRole, recorded, serverNonce: freshServerNonce));
    }

    [Fact]
    public void A_replayed_server_proof_fails_against_the_clients_fresh_nonce()
    {
        var recorded = Proof(PskHandshake.ServerRole);
        var freshClientNonce = PskHandshake.NewNonce();
        Assert.False(Verify(PskHandshake.ServerRole, recorded, clientNonce: freshClientNonce));
    }

    [Theory]
    [InlineData("client-uid")]
    [InlineData("server-uid")]
    [InlineData("swapped-uids")]
    [InlineData("cluster-id")]
    [InlineData("cluster-id-case")]
    [InlineData("client-nonce")]
    [InlineData("server-nonce")]
    [InlineData("swapped-nonces")]
    public void A_tampered_input_fails(string tampered)
    {
        var proof = Proof(PskHandshake.ClientRole);
        var flipped = (byte[])ClientNonce.Clone();
        flipped[31] ^= 1;
        var ok = tampered switch
        {
            "client-uid" => Verify(PskHandshake.ClientRole, proof, clientUid: ClientUid + 1),
            "server-uid" => Verify(PskHandshake.ClientRole, proof, serverUid: ServerUid + 1),
            "swapped-uids" => Verify(PskHandshake.ClientRole, proof, clientUid: ServerUid, serverUid: ClientUid),
            "cluster-id" => Verify(PskHandshake.ClientRole, proof, clusterId: ClusterId + "x"),
            "cluster-id-case" => Verify(PskHandshake.ClientRole, proof, clusterId: ClusterId.ToUpperInvariant()),
            "client-nonce" => Verify(PskHandshake.ClientRole, proof, clientNonce: flipped),
            "server-nonce" => Verify(PskHandshake.ClientRole, proof, serverNonce: flipped),
            "swapped-nonces" => Verify(PskHandshake.ClientRole, proof, clientNonce: ServerNonce, serverNonce: ClientNonce),
            _ => throw new ArgumentOutOfRangeException(nameof(tampered)),
        };
        Assert.False(ok);
    }

    [Fact]
    public void A_proof_with_one_bit_flipped_fails()
    {
        var proof = Proof(PskHandshake.ServerRole);
        for (var bit = 0; bit < proof.Length * 8; bit += 37)
        {
            var tampered = (byte[])proof.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Verify(PskHandshake.ServerRole, tampered));
        }
    }

    [Theory]
    [InlineData(0, 32, 32)]
    [InlineData(31, 32, 32)]
    [InlineData(33, 32, 32)]
    [InlineData(32, 31, 32)]
    [InlineData(32, 32, 33)]
    public void Malformed_values_from_the_peer_give_false_not_an_exception(int proofLength, int clientNonceLength, int serverNonceLength)
    {
        var proof = Proof(PskHandshake.ClientRole);
        var resized = new byte[proofLength];
        proof.AsSpan(0, Math.Min(proofLength, proof.Length)).CopyTo(resized);
        Assert.False(Verify(PskHandshake.ClientRole, resized, clientNonce: new byte[clientNonceLength], serverNonce: new byte[serverNonceLength]));
    }

    [Fact]
    public void Caller_errors_throw()
    {
        Assert.Throws<ArgumentException>(() => Proof("Client"));
        Assert.Throws<ArgumentException>(() => Proof(PskHandshake.ClientRole, key: new byte[15]));
        Assert.Throws<ArgumentException>(() => Proof(PskHandshake.ClientRole, clientNonce: new byte[16]));
        Assert.Throws<ArgumentException>(() => Proof(PskHandshake.ClientRole, clusterId: new string('c', PskHandshake.MaxClusterIdBytes + 1)));
        Assert.Throws<ArgumentNullException>(() => Proof(null!));
        Assert.Throws<ArgumentException>(() => Verify("peer", new byte[32]));
    }

    [Fact]
    public void The_proof_is_hmac_sha256_over_the_documented_length_prefixed_encoding()
    {
        using var message = new MemoryStream();
        void Field(byte[] bytes)
        {
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            message.Write(length);
            message.Write(bytes);
        }

        void Uid(long uid)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bytes, uid);
            message.Write(bytes);
        }

        Field(Encoding.UTF8.GetBytes("akc-psk-proof-v1"));
        Field(Encoding.UTF8.GetBytes("server"));
        Field(ClientNonce);
        Field(ServerNonce);
        Uid(ClientUid);
        Uid(ServerUid);
        Field(Encoding.UTF8.GetBytes(ClusterId));

        Assert.Equal(HMACSHA256.HashData(Key, message.ToArray()), Proof(PskHandshake.ServerRole));
    }

    [Fact]
    public void A_full_exchange_between_two_nodes_sharing_the_key_succeeds()
    {
        var settings = new PskSettings { Key = "the cluster's shared secret, long enough" };
        var key = settings.KeyBytes();
        var clientNonce = PskHandshake.NewNonce();
        var serverNonce = PskHandshake.NewNonce();

        var serverProof = PskHandshake.ComputeProof(key, PskHandshake.ServerRole, clientNonce, serverNonce, 1, 2, ClusterId);
        Assert.True(PskHandshake.VerifyProof(key, PskHandshake.ServerRole, clientNonce, serverNonce, 1, 2, ClusterId, serverProof));
        var clientProof = PskHandshake.ComputeProof(key, PskHandshake.ClientRole, clientNonce, serverNonce, 1, 2, ClusterId);
        Assert.True(PskHandshake.VerifyProof(key, PskHandshake.ClientRole, clientNonce, serverNonce, 1, 2, ClusterId, clientProof));
    }
}
