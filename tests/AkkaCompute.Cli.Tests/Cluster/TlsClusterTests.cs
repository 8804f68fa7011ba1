using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// Mutual TLS by Akka's own SSL settings (<c>akka.remote.dot-netty.tcp.enable-ssl</c>, a PKCS#12 certificate from a file), between
/// real <c>akc node</c> processes: nodes whose certificate the others trust form a cluster on <c>akka.ssl.tcp</c> addresses; a node of
/// another trust domain (its certificate untrusted by them, theirs by it) cannot join: Akka stops it. Trust is the operating system's: each process gets <c>SSL_CERT_FILE</c> naming the trusted
/// certificate (on Linux .NET builds chains with OpenSSL's trust store), as an installed CA would be.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class TlsClusterTests
{
    [Fact]
    public async Task Nodes_with_trusted_certificates_form_a_cluster_and_a_stranger_cannot_join()
    {
        using var h = new CliHarness();
        var (clusterPfx, clusterPem) = Certificate(h.Root, "cluster");
        var (strangerPfx, strangerPem) = Certificate(h.Root, "stranger");
        var ports = LoopbackPorts.Take(3);
        var seed = $"akka.ssl.tcp://akc@127.0.0.1:{ports[0]}";
        var trust = new Dictionary<string, string> { ["SSL_CERT_FILE"] = clusterPem };
        string[] Tls(string pfx) => ["--set", "akka.remote.dot-netty.tcp.enable-ssl=on", "--set", $"akka.remote.dot-netty.tcp.ssl.certificate.path={pfx}", "--set", "akka.remote.dot-netty.tcp.ssl.certificate.password=test-only"];

        var nodes = new List<AkcNodeProcess>();
        try
        {
            nodes.Add(await AkcNodeProcess.StartAsync("127.0.0.1", ports[0], [seed], h.Root, null, 0, Tls(clusterPfx), trust));
            nodes.Add(await AkcNodeProcess.StartAsync("127.0.0.1", ports[1], [seed], h.Root, null, 0, Tls(clusterPfx), trust));
            Assert.StartsWith("akka.ssl.tcp://akc@127.0.0.1:", nodes[0].Address.ToString(), StringComparison.Ordinal);
            await NodeCluster.AwaitMembersAsync(nodes, nodes);

            // A node of another trust domain: it trusts only its own certificate, the cluster trusts only its own.
            var stranger = await AkcNodeProcess.StartAsync("127.0.0.1", ports[2], [seed], h.Root, null, 0, Tls(strangerPfx), new Dictionary<string, string> { ["SSL_CERT_FILE"] = strangerPem });
            nodes.Add(stranger);
            Assert.Equal(1, await stranger.WaitForExitAsync(NodeCluster.Deadline)); // Akka stops it: the TLS handshake with the seed failed
            Assert.Contains(stranger.Output, l => l.StartsWith($"node {stranger.Address} was stopped by Akka (TlsHandshakeFailureReason", StringComparison.Ordinal));
            await NodeCluster.AwaitMembersAsync(nodes[..2], nodes[..2]);
        }
        finally
        {
            foreach (var n in nodes)
            {
                await n.DisposeAsync();
            }
        }
    }

    /// <summary>A self-signed certificate for 127.0.0.1 usable by both ends of a connection: a PKCS#12 file with its key, and its PEM.</summary>
    private static (string Pfx, string Pem) Certificate(string dir, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=akc-{name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        var pfx = Path.Combine(dir, name + ".pfx");
        var pem = Path.Combine(dir, name + ".pem");
        File.WriteAllBytes(pfx, cert.Export(X509ContentType.Pkcs12, "test-only"));
        File.WriteAllText(pem, cert.ExportCertificatePem());
        return (pfx, pem);
    }
}
