using AkkaCompute.Remote.Tests.Security;

namespace AkkaCompute.Remote.Tests.Remoting;

/// <summary>Remoting over mutual TLS: nodes with certificates from the configured CA talk; others are refused before any frame.</summary>
public sealed class TlsRemotingTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly RemoteTestNodes _nodes = new();
    private readonly TlsWorld _pki = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _nodes.DisposeAsync();
        _pki.Dispose();
    }

    private RemoteSettings Tls(System.Security.Cryptography.X509Certificates.X509Certificate2 cert) =>
        RemoteTestNodes.Fast with { SecurityMode = RemoteSecurityMode.Tls, Tls = _pki.Settings(cert) };

    [Fact]
    public void Nodes_with_certificates_from_the_same_CA_talk()
    {
        var (a, _) = _nodes.Start("a", Tls(_pki.Node1));
        var (b, rb) = _nodes.Start("b", Tls(_pki.Node2));
        b.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var probe = new TestProbe(a);

        a.ActorSelection($"{rb.Address}/user/echo").Tell(new Ping(5), probe.Ref);

        probe.ExpectMsg<Pong>(p => p.N == 5, Wait);
    }

    [Fact]
    public void A_node_with_a_certificate_from_another_CA_is_refused_and_nothing_is_delivered()
    {
        var (a, _) = _nodes.Start("a", Tls(_pki.Rogue));
        var (b, rb) = _nodes.Start("b", Tls(_pki.Node2));
        var received = new TestProbe(b);
        b.ActorOf(Props.Create(() => new ForwardActor(received.Ref)), "fwd");

        a.ActorSelection($"{rb.Address}/user/fwd").Tell("hello", ActorRefs.NoSender);

        received.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        received.AwaitCondition(() => _nodes.Logs.Entries.Any(e => e.Message.Contains("untrusted", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("TLS", StringComparison.Ordinal)), Wait);
    }

    [Fact]
    public void A_plain_TCP_node_cannot_reach_a_TLS_node()
    {
        var (a, _) = _nodes.Start("a");
        var (b, rb) = _nodes.Start("b", Tls(_pki.Node2));
        var received = new TestProbe(b);
        b.ActorOf(Props.Create(() => new ForwardActor(received.Ref)), "fwd");

        a.ActorSelection($"{rb.Address}/user/fwd").Tell("hello", ActorRefs.NoSender);

        received.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void A_missing_certificate_file_stops_the_start_and_names_the_setting()
    {
        var settings = Tls(_pki.Node1) with { Tls = _pki.Settings(_pki.Node1) with { CertificatePath = "/nonexistent/node.pem" } };

        var e = Assert.Throws<ConfigurationException>(() => _nodes.Start("a", settings));

        Assert.Contains("certificate-path", e.Key);
    }
}
