using System.Security.Authentication;
using AkkaCompute.Remote.Security;

namespace AkkaCompute.Remote.Tests.Security;

public sealed class TlsPinningTests : IDisposable
{
    private readonly TlsWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task A_server_pinning_another_node_refuses_an_unpinned_client_from_the_same_ca()
    {
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(_world.Settings(_world.Node1) with { AllowedThumbprints = [TestPki.Sha256(_world.Node2)] });
        using var client = new TlsStreamFactory(_world.Settings(_world.Node1));

        var serverTask = server.AuthenticateAsServerAsync(pair.Server, CancellationToken.None);
        var clientTask = client.AuthenticateAsClientAsync(pair.Client, "127.0.0.1", CancellationToken.None);

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => serverTask.WaitAsync(Tls.Timeout));
        Assert.StartsWith("TLS server:", error.Message);
        Assert.Contains("is not pinned", error.Message);
        Assert.Contains(TlsSettings.AllowedThumbprintsKey, error.Message);
        Assert.Contains(TestPki.Sha256(_world.Node1), error.Message);
        await Tls.AssertCutOffAsync(clientTask);
    }

    [Fact]
    public async Task A_server_accepts_a_pinned_client_written_in_lower_case_with_colons()
    {
        var pin = string.Join(':', TestPki.Sha256(_world.Node2).ToLowerInvariant().Chunk(2).Select(c => new string(c)));
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(_world.Settings(_world.Node1) with { AllowedThumbprints = [pin] });
        using var client = new TlsStreamFactory(_world.Settings(_world.Node2));

        var (serverStream, clientStream) = await Tls.HandshakeAsync(server, client, pair);
        await using (serverStream)
        await using (clientStream)
        {
            await Tls.AssertBytesFlowAsync(serverStream, clientStream);
        }
    }

    [Fact]
    public async Task A_client_pinning_another_node_refuses_the_server()
    {
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(_world.Settings(_world.Node1));
        using var client = new TlsStreamFactory(_world.Settings(_world.Node2) with { AllowedThumbprints = [TestPki.Sha256(_world.Node2)] });

        var serverTask = server.AuthenticateAsServerAsync(pair.Server, CancellationToken.None);
        var clientTask = client.AuthenticateAsClientAsync(pair.Client, "127.0.0.1", CancellationToken.None);

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => clientTask.WaitAsync(Tls.Timeout));
        Assert.StartsWith("TLS client:", error.Message);
        Assert.Contains("server's certificate", error.Message);
        Assert.Contains("is not pinned", error.Message);
        await Tls.AssertCutOffAsync(serverTask);
    }

    [Fact]
    public async Task A_client_pinning_the_server_connects()
    {
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(_world.Settings(_world.Node1));
        using var client = new TlsStreamFactory(_world.Settings(_world.Node2) with { AllowedThumbprints = [TestPki.Sha256(_world.Node1)] });

        var (serverStream, clientStream) = await Tls.HandshakeAsync(server, client, pair);
        await using (serverStream)
        await using (clientStream)
        {
            await Tls.AssertBytesFlowAsync(serverStream, clientStream);
        }
    }

    [Fact]
    public async Task A_pin_does_not_widen_trust_a_pinned_certificate_from_another_ca_is_still_refused()
    {
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(_world.Settings(_world.Node1) with { AllowedThumbprints = [TestPki.Sha256(_world.Rogue)] });
        using var client = new TlsStreamFactory(_world.Settings(_world.Rogue));

        var serverTask = server.AuthenticateAsServerAsync(pair.Server, CancellationToken.None);
        var clientTask = client.AuthenticateAsClientAsync(pair.Client, "127.0.0.1", CancellationToken.None);

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => serverTask.WaitAsync(Tls.Timeout));
        Assert.Contains("is untrusted", error.Message);
        await Tls.AssertCutOffAsync(clientTask);
    }
}
