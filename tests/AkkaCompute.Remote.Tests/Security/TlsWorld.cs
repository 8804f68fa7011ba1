using System.Security.Cryptography.X509Certificates;
using AkkaCompute.Remote.Security;

namespace AkkaCompute.Remote.Tests.Security;

/// <summary>
/// One test's certificates and their PEM files in a temp directory: a CA with two nodes, a second CA with one node
/// ("foreign"), and a self-signed "rogue" certificate. Everything is deleted on dispose.
/// </summary>
internal sealed class TlsWorld : IDisposable
{
    public TlsWorld()
    {
        Ca = TestPki.CreateCa("akc-test-ca");
        OtherCa = TestPki.CreateCa("akc-other-ca");
        Node1 = TestPki.Issue(Ca, "node-1");
        Node2 = TestPki.Issue(Ca, "node-2");
        Foreign = TestPki.Issue(OtherCa, "foreign");
        Rogue = TestPki.SelfSigned("rogue");
        CaPath = Dir.WriteCertificate("ca.pem", Ca);
        OtherCaPath = Dir.WriteCertificate("other-ca.pem", OtherCa);
        BothCasPath = Dir.WriteCertificate("both-cas.pem", Ca, OtherCa);
    }

    public TempDirectory Dir { get; } = new();

    public X509Certificate2 Ca { get; }

    public X509Certificate2 OtherCa { get; }

    public X509Certificate2 Node1 { get; }

    public X509Certificate2 Node2 { get; }

    public X509Certificate2 Foreign { get; }

    public X509Certificate2 Rogue { get; }

    public string CaPath { get; }

    public string OtherCaPath { get; }

    public string BothCasPath { get; }

    /// <summary>Settings presenting <paramref name="node"/> (written as name.crt and name.key) and trusting <paramref name="caPath"/> (default: the CA).</summary>
    public TlsSettings Settings(X509Certificate2 node, string? caPath = null)
    {
        var name = node.GetNameInfo(X509NameType.SimpleName, false);
        return new TlsSettings
        {
            CertificatePath = Dir.WriteCertificate(name + ".crt", node),
            KeyPath = Dir.WriteKey(name + ".key", node),
            CaCertificatePath = caPath ?? CaPath,
        };
    }

    public void Dispose()
    {
        foreach (var certificate in new[] { Ca, OtherCa, Node1, Node2, Foreign, Rogue })
        {
            certificate.Dispose();
        }

        Dir.Dispose();
    }
}
