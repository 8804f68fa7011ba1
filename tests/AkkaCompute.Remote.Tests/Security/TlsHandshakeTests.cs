using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AkkaCompute.Remote.Security;

namespace AkkaCompute.Remote.Tests.Security;

public sealed class TlsHandshakeTests : IDisposable
{
    private readonly TlsWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Mutual_tls_succeeds_and_bytes_flow_both_ways(SslProtocols protocol)
    {
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(_world.Settings(_world.Node1) with { Protocols = protocol });
        using var client = new TlsStreamFactory(_world.Settings(_world.Node2) with { Protocols = protocol });

        var (serverStream, clientStream) = await Tls.HandshakeAsync(server, client, pair);
        await using (serverStream)
        await using (clientStream)
        {
            Assert.Equal(protocol, serverStream.SslProtocol);
            Assert.True(serverStream.IsMutuallyAuthenticated);
            Assert.Equal(TestPki.Sha256(_world.Node2), serverStream.RemoteCertificate!.GetCertHashString(HashAlgorithmName.SHA256));
            Assert.Equal(TestPki.Sha256(_world.Node1), clientStream.RemoteCertificate!.GetCertHashString(HashAlgorithmName.SHA256));
            await Tls.AssertBytesFlowAsync(serverStream, clientStream);
        }
    }

    [Fact]
    public void The_local_thumbprint_is_the_sha256_of_the_node_certificate()
    {
        using var factory = new TlsStreamFactory(_world.Settings(_world.Node1));
        Assert.Equal(TestPki.Sha256(_world.Node1), factory.LocalThumbprint);
        Assert.Equal(64, factory.LocalThumbprint.Length);
    }

    [Fact]
    public async Task The_server_refuses_a_client_without_a_certificate()
    {
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(_world.Settings(_world.Node1));
        var anonymous = new SslStream(pair.Client, leaveInnerStreamOpen: false, (_, _, _, _) => true);

        var serverTask = server.AuthenticateAsServerAsync(pair.Server, CancellationToken.None);
        var clientTask = AnonymousClientAsync(anonymous);

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => serverTask.WaitAsync(Tls.Timeout));
        Assert.StartsWith("TLS server:", error.Message);
        Assert.Contains("client presented no certificate", error.Message);
        await Tls.AssertCutOffAsync(clientTask);
    }

    [Fact]
    public async Task Without_mutual_authentication_the_server_lets_a_client_without_a_certificate_in()
    {
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(_world.Settings(_world.Node1) with { RequireMutualAuthentication = false });
        var anonymous = new SslStream(pair.Client, leaveInnerStreamOpen: false, (_, _, _, _) => true);

        var serverTask = server.AuthenticateAsServerAsync(pair.Server, CancellationToken.None);
        await using var clientStream = await AnonymousClientAsync(anonymous).WaitAsync(Tls.Timeout);
        await using var serverStream = await serverTask.WaitAsync(Tls.Timeout);

        Assert.False(serverStream.IsMutuallyAuthenticated);
        await Tls.AssertBytesFlowAsync(serverStream, clientStream);
    }

    [Theory]
    [InlineData("rogue")]
    [InlineData("foreign")]
    public async Task The_server_refuses_a_client_whose_certificate_does_not_chain_to_its_ca(string who)
    {
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(_world.Settings(_world.Node1));
        // The bad client trusts the real CA too, so only the server's check can refuse.
        using var client = new TlsStreamFactory(_world.Settings(Bad(who), _world.BothCasPath));

        var serverTask = server.AuthenticateAsServerAsync(pair.Server, CancellationToken.None);
        var clientTask = client.AuthenticateAsClientAsync(pair.Client, "127.0.0.1", CancellationToken.None);

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => serverTask.WaitAsync(Tls.Timeout));
        Assert.StartsWith("TLS server:", error.Message);
        Assert.Contains($"client's certificate (subject 'CN={who}'", error.Message);
        Assert.Contains("is untrusted", error.Message);
        Assert.Contains(TlsSettings.CaCertificatePathKey, error.Message);
        await Tls.AssertCutOffAsync(clientTask);
    }

    [Theory]
    [InlineData("rogue")]
    [InlineData("foreign")]
    public async Task The_client_refuses_a_server_whose_certificate_does_not_chain_to_its_ca(string who)
    {
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(_world.Settings(Bad(who), _world.BothCasPath));
        using var client = new TlsStreamFactory(_world.Settings(_world.Node1));

        var serverTask = server.AuthenticateAsServerAsync(pair.Server, CancellationToken.None);
        var clientTask = client.AuthenticateAsClientAsync(pair.Client, "127.0.0.1", CancellationToken.None);

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => clientTask.WaitAsync(Tls.Timeout));
        Assert.StartsWith("TLS client:", error.Message);
        Assert.Contains($"server's certificate (subject 'CN={who}'", error.Message);
        Assert.Contains("is untrusted", error.Message);
        await Tls.AssertCutOffAsync(serverTask);
    }

    [Fact]
    public async Task A_certificate_signed_by_an_intermediate_sent_along_by_the_peer_is_accepted()
    {
        using var intermediate = TestPki.IssueIntermediate(_world.Ca, "akc-intermediate");
        using var leaf = TestPki.Issue(intermediate, "node-3");
        var settings = _world.Settings(leaf) with
        {
            // The node's PEM file carries its certificate, then the intermediate; peers trust only the root.
            CertificatePath = _world.Dir.WriteCertificate("node-3-chain.crt", leaf, intermediate),
        };
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(settings);
        using var client = new TlsStreamFactory(_world.Settings(_world.Node1));

        var (serverStream, clientStream) = await Tls.HandshakeAsync(server, client, pair);
        await using (serverStream)
        await using (clientStream)
        {
            await Tls.AssertBytesFlowAsync(serverStream, clientStream);
        }
    }

    [Fact]
    public async Task A_host_name_that_the_certificate_does_not_name_is_not_an_error()
    {
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(_world.Settings(_world.Node1));
        using var client = new TlsStreamFactory(_world.Settings(_world.Node2));

        var serverTask = server.AuthenticateAsServerAsync(pair.Server, CancellationToken.None);
        var clientTask = client.AuthenticateAsClientAsync(pair.Client, "not-the-name-in-the-certificate.example", CancellationToken.None);

        await using var serverStream = await serverTask.WaitAsync(Tls.Timeout);
        await using var clientStream = await clientTask.WaitAsync(Tls.Timeout);
        await Tls.AssertBytesFlowAsync(serverStream, clientStream);
    }

    [Fact]
    public async Task An_expired_peer_certificate_is_refused_by_the_clock_the_factory_was_given()
    {
        var twoYearsLater = new ManualTimeProvider(TimeProvider.System.GetUtcNow().AddYears(2));
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(_world.Settings(_world.Node1), twoYearsLater);
        using var client = new TlsStreamFactory(_world.Settings(_world.Node2));

        var serverTask = server.AuthenticateAsServerAsync(pair.Server, CancellationToken.None);
        var clientTask = client.AuthenticateAsClientAsync(pair.Client, "127.0.0.1", CancellationToken.None);

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => serverTask.WaitAsync(Tls.Timeout));
        Assert.Contains("NotTimeValid", error.Message);
        await Tls.AssertCutOffAsync(clientTask);
    }

    private X509Certificate2 Bad(string who) =>
        who == "rogue" ? _world.Rogue : _world.Foreign;

    private static async Task<SslStream> AnonymousClientAsync(SslStream anonymous)
    {
        try
        {
            await anonymous.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" });
            return anonymous;
        }
        catch
        {
            await anonymous.DisposeAsync();
            throw;
        }
    }
}
