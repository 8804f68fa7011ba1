using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AkkaCompute.Actors;

namespace AkkaCompute.Remote.Security;

/// <summary>
/// Reads the files named by <see cref="TlsSettings"/>: this node's certificate with its private key (PEM or PKCS#12)
/// and the CA bundle. Every failure is a <see cref="ConfigurationException"/> naming the setting whose file is at fault.
/// </summary>
internal static class TlsCertificateLoader
{
    private const string HiddenPassword = "(hidden)";

    /// <summary>
    /// This node's certificate with its private key, ready to be used by <see cref="System.Net.Security.SslStream"/> on
    /// either side, and the other certificates of its file (intermediates to send along). The caller owns all of them.
    /// </summary>
    /// <remarks>
    /// A certificate made from PEM files has an ephemeral key, which Linux's and Windows' TLS stacks do not accept for a
    /// server; it is therefore exported to PKCS#12 and imported again, which is the documented workaround.
    /// </remarks>
    public static (X509Certificate2 Leaf, X509Certificate2Collection Intermediates) LoadNodeCertificate(TlsSettings settings)
    {
        var path = settings.CertificatePath;
        return Path.GetExtension(path).ToUpperInvariant() is ".PFX" or ".P12"
            ? LoadPkcs12(settings)
            : LoadPem(settings);
    }

    /// <summary>The certificates of the CA bundle; at least one.</summary>
    public static X509Certificate2Collection LoadCaBundle(TlsSettings settings)
    {
        var key = TlsSettings.CaCertificatePathKey;
        var path = settings.CaCertificatePath;
        var text = ReadText(key, path);
        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPem(text);
        }
        catch (CryptographicException e)
        {
            throw new ConfigurationException(key, path, $"must be a PEM bundle of CA certificates; it could not be parsed: {e.Message}");
        }

        if (bundle.Count == 0)
        {
            throw new ConfigurationException(key, path, "must be a PEM bundle of CA certificates; the file holds no '-----BEGIN CERTIFICATE-----' block");
        }

        return bundle;
    }

    private static (X509Certificate2, X509Certificate2Collection) LoadPem(TlsSettings settings)
    {
        var certificateText = ReadText(TlsSettings.CertificatePathKey, settings.CertificatePath);
        var all = new X509Certificate2Collection();
        try
        {
            all.ImportFromPem(certificateText);
        }
        catch (CryptographicException e)
        {
            throw new ConfigurationException(TlsSettings.CertificatePathKey, settings.CertificatePath, $"must be a PEM certificate; it could not be parsed: {e.Message}");
        }

        if (all.Count == 0)
        {
            throw new ConfigurationException(TlsSettings.CertificatePathKey, settings.CertificatePath, "must be a PEM certificate (or a .pfx/.p12 file); the file holds no '-----BEGIN CERTIFICATE-----' block");
        }

        var keyText = settings.KeyPath is null ? certificateText : ReadText(TlsSettings.KeyPathKey, settings.KeyPath);
        if (!keyText.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw settings.KeyPath is null
                ? new ConfigurationException(TlsSettings.KeyPathKey, null, $"must be set: the certificate {settings.CertificatePath} holds no private key, so key-path must name the PEM private key")
                : new ConfigurationException(TlsSettings.KeyPathKey, settings.KeyPath, "must be a PEM private key; the file holds no '-----BEGIN ... PRIVATE KEY-----' block");
        }

        var encrypted = keyText.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);
        if (encrypted && settings.KeyPassword is null)
        {
            throw new ConfigurationException(TlsSettings.KeyPasswordKey, null, "must be set: the private key is encrypted");
        }

        X509Certificate2 ephemeral;
        try
        {
            ephemeral = encrypted
                ? X509Certificate2.CreateFromEncryptedPem(certificateText, keyText, settings.KeyPassword)
                : X509Certificate2.CreateFromPem(certificateText, keyText);
        }
        catch (CryptographicException e) when (encrypted)
        {
            throw new ConfigurationException(TlsSettings.KeyPasswordKey, HiddenPassword, $"must decrypt the private key {settings.KeyPath ?? settings.CertificatePath}: {e.Message}");
        }
        catch (CryptographicException e)
        {
            throw new ConfigurationException(TlsSettings.KeyPathKey, settings.KeyPath, $"must be a readable PEM private key for the certificate {settings.CertificatePath}: {e.Message}");
        }
        catch (ArgumentException e)
        {
            // CopyWithPrivateKey's complaint that the key is not the certificate's.
            throw new ConfigurationException(TlsSettings.KeyPathKey, settings.KeyPath, $"must be the private key that matches the certificate {settings.CertificatePath}: {e.Message}");
        }

        using (ephemeral)
        {
            var leaf = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
            return (leaf, Others(all, leaf));
        }
    }

    private static (X509Certificate2, X509Certificate2Collection) LoadPkcs12(TlsSettings settings)
    {
        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12CollectionFromFile(settings.CertificatePath, settings.KeyPassword);
        }
        catch (CryptographicException e)
        {
            throw settings.KeyPassword is null
                ? new ConfigurationException(TlsSettings.CertificatePathKey, settings.CertificatePath, $"must be a readable PKCS#12 file (if it is encrypted, set {TlsSettings.KeyPasswordKey}): {e.Message}")
                : new ConfigurationException(TlsSettings.KeyPasswordKey, HiddenPassword, $"must open the PKCS#12 file {settings.CertificatePath}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(TlsSettings.CertificatePathKey, settings.CertificatePath, $"must be a readable file: {e.Message}");
        }

        var leaf = all.FirstOrDefault(c => c.HasPrivateKey);
        if (leaf is null)
        {
            foreach (var c in all)
            {
                c.Dispose();
            }

            throw new ConfigurationException(TlsSettings.CertificatePathKey, settings.CertificatePath, "must hold a certificate with its private key; the PKCS#12 file has none");
        }

        return (leaf, Others(all, leaf));
    }

    /// <summary>The certificates of <paramref name="all"/> other than <paramref name="leaf"/> (compared by content); copies of the leaf are disposed.</summary>
    private static X509Certificate2Collection Others(X509Certificate2Collection all, X509Certificate2 leaf)
    {
        var others = new X509Certificate2Collection();
        foreach (var certificate in all)
        {
            if (ReferenceEquals(certificate, leaf))
            {
                continue;
            }

            if (certificate.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
            {
                certificate.Dispose();

                continue;
            }

            others.Add(certificate);
        }

        return others;
    }

    private static string ReadText(string key, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ConfigurationException(key, path, $"must be a readable file: {e.Message}");
        }
    }
}
