using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AkkaCompute.Bench;

/// <summary>
/// Throw-away PKI for the TLS figures of <c>bench/run remote</c>: an ECDSA P-256 CA and two node certificates for
/// 127.0.0.1 it signs, written as PEM files (certificate, PKCS#8 key, CA bundle) and as PKCS#12 files (what Akka.Remote's
/// <c>ssl.certificate.path</c> loads, with a random password) into a temp directory that is deleted on dispose.
/// </summary>
internal sealed class BenchPki : IDisposable
{
    /// <summary>Creates the CA and both node certificates and writes their files.</summary>
    public BenchPki()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("akc-bench-pki-").FullName;
        PfxPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        using var ca = CreateCa();
        CaPath = Write("ca.pem", ca.ExportCertificatePem());
        (Node1Cert, Node1Key) = WriteNode(ca, "bench-node-1");
        (Node2Cert, Node2Key) = WriteNode(ca, "bench-node-2");
        Node1Pfx = WritePfx(Node1Cert, Node1Key, "bench-node-1.pfx");
        Node2Pfx = WritePfx(Node2Cert, Node2Key, "bench-node-2.pfx");
    }

    /// <summary>The temp directory holding every file.</summary>
    public string Directory { get; }

    /// <summary>The CA certificate (PEM).</summary>
    public string CaPath { get; }

    /// <summary>Node 1's certificate (PEM).</summary>
    public string Node1Cert { get; }

    /// <summary>Node 1's private key (PKCS#8 PEM).</summary>
    public string Node1Key { get; }

    /// <summary>Node 1's certificate with its key (PKCS#12, <see cref="PfxPassword"/>).</summary>
    public string Node1Pfx { get; }

    /// <summary>Node 2's certificate (PEM).</summary>
    public string Node2Cert { get; }

    /// <summary>Node 2's private key (PKCS#8 PEM).</summary>
    public string Node2Key { get; }

    /// <summary>Node 2's certificate with its key (PKCS#12, <see cref="PfxPassword"/>).</summary>
    public string Node2Pfx { get; }

    /// <summary>The password of both PKCS#12 files (random per instance).</summary>
    public string PfxPassword { get; }

    /// <summary>Deletes the directory (a failure to delete is ignored).</summary>
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory must not fail the bench.
        }
    }

    private static X509Certificate2 CreateCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=akc-bench-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    private (string Cert, string Key) WriteNode(X509Certificate2 ca, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var now = TimeProvider.System.GetUtcNow();
        using var issued = request.Create(ca, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(16));
        return (Write(name + ".crt", issued.ExportCertificatePem()), Write(name + ".key", key.ExportPkcs8PrivateKeyPem()));
    }

    private string WritePfx(string certPath, string keyPath, string name)
    {
        using var certificate = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, PfxPassword));
        return path;
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, pem + "\n");
        return path;
    }
}
