using AkkaCompute.Remote.Security;

namespace AkkaCompute.Remote.Tests.Security;

public sealed class TlsHandshakeLimitsTests : IDisposable
{
    private readonly TlsWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task A_peer_that_never_speaks_times_out_at_the_handshake_timeout_and_the_connection_is_closed()
    {
        var time = new ManualTimeProvider();
        using var pair = await LoopbackPair.OpenAsync();
        using var server = new TlsStreamFactory(_world.Settings(_world.Node1) with { HandshakeTimeout = TimeSpan.FromSeconds(3) }, time);

        var serverTask = server.AuthenticateAsServerAsync(pair.Server, CancellationToken.None);
        Assert.Equal([time.Start + TimeSpan.FromSeconds(3)], time.PendingDueTimes);
        time.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.False(serverTask.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => serverTask.WaitAsync(Tls.Timeout));
        Assert.Contains("TLS server", error.Message);
        Assert.Contains("3000 ms", error.Message);
        Assert.Contains(TlsSettings.HandshakeTimeoutKey, error.Message);
        Assert.Throws<ObjectDisposedException>(() => pair.Server.Write([1]));
    }

    [Fact]
    public async Task Cancelling_the_caller_token_cancels_the_handshake()
    {
        using var pair = await LoopbackPair.OpenAsync();
        using var client = new TlsStreamFactory(_world.Settings(_world.Node1));
        using var cts = new CancellationTokenSource();

        var clientTask = client.AuthenticateAsClientAsync(pair.Client, "127.0.0.1", cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clientTask.WaitAsync(Tls.Timeout));
    }

    [Fact]
    public async Task A_disposed_factory_refuses_new_handshakes()
    {
        using var pair = await LoopbackPair.OpenAsync();
        var factory = new TlsStreamFactory(_world.Settings(_world.Node1));
        factory.Dispose();
        factory.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => factory.AuthenticateAsServerAsync(pair.Server, CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => factory.AuthenticateAsClientAsync(pair.Client, "127.0.0.1", CancellationToken.None));
    }
}
