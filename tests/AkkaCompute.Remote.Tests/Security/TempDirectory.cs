using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AkkaCompute.Remote.Tests.Security;

/// <summary>A fresh directory under the system's temp directory, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("akc-tls-").FullName;
    }

    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> in this directory (the file need not exist).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/>; returns the full path.</summary>
    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes the certificate as PEM; returns the full path.</summary>
    public string WriteCertificate(string name, params X509Certificate2[] certificates) =>
        Write(name, string.Join('\n', certificates.Select(c => c.ExportCertificatePem())) + "\n");

    /// <summary>Writes the certificate's private key as PKCS#8 PEM, encrypted when a password is given; returns the full path.</summary>
    public string WriteKey(string name, X509Certificate2 certificate, string? password = null)
    {
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the certificate has no ECDSA key");
        var pem = password is null
            ? key.ExportPkcs8PrivateKeyPem()
            : key.ExportEncryptedPkcs8PrivateKeyPem(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000));
        return Write(name, pem + "\n");
    }

    /// <summary>Writes the certificate and its key as a password-protected PKCS#12 file; returns the full path.</summary>
    public string WritePkcs12(string name, X509Certificate2 certificate, string password)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
