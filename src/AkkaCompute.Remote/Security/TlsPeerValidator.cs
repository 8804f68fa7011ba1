using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AkkaCompute.Remote.Security;

/// <summary>
/// Decides whether a peer's certificate is acceptable: it must chain to the configured CA bundle (and to nothing else)
/// and, when a pin list is configured, its SHA-256 thumbprint must be in it. The host name is not checked, nor
/// revocation, nor extended key usage. Thread-safe: every call builds its own chain.
/// </summary>
internal sealed class TlsPeerValidator
{
    private readonly X509Certificate2Collection _anchors = [];
    private readonly X509Certificate2Collection _intermediates = [];
    private readonly IReadOnlySet<string> _pins;
    private readonly TimeProvider _time;

    /// <summary>Creates the validator; it keeps references to the CA certificates, which the caller still owns.</summary>
    /// <param name="caBundle">The CA bundle: its self-signed certificates become the trust anchors, the others intermediates.</param>
    /// <param name="pins">Upper-case hexadecimal SHA-256 thumbprints; empty for no pinning.</param>
    /// <param name="time">The clock that certificate validity periods are checked against.</param>
    public TlsPeerValidator(X509Certificate2Collection caBundle, IReadOnlySet<string> pins, TimeProvider time)
    {
        foreach (var ca in caBundle)
        {
            (ca.SubjectName.RawData.AsSpan().SequenceEqual(ca.IssuerName.RawData) ? _anchors : _intermediates).Add(ca);
        }

        _pins = pins;
        _time = time;
    }

    /// <summary>The SHA-256 thumbprint of a certificate (hash of its DER encoding) as 64 upper-case hexadecimal digits.</summary>
    public static string Thumbprint(X509Certificate certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>
    /// Why <paramref name="presented"/> is refused, or null when it is accepted.
    /// </summary>
    /// <param name="presented">The peer's certificate; null when it sent none.</param>
    /// <param name="sslChain">The chain SslStream built, whose extra store holds the intermediates the peer sent; may be null.</param>
    /// <param name="peer">Who the peer is, for the message: "client" or "server".</param>
    /// <param name="required">Whether a missing certificate is a reason to refuse.</param>
    public string? Reject(X509Certificate? presented, X509Chain? sslChain, string peer, bool required)
    {
        if (presented is null)
        {
            return required ? $"the {peer} presented no certificate, and mutual authentication is required ({TlsSettings.RequireMutualAuthenticationKey})" : null;
        }

        var certificate = presented as X509Certificate2;
        using var copy = certificate is null ? X509CertificateLoader.LoadCertificate(presented.GetRawCertData()) : null;
        certificate ??= copy!;
        var described = $"the {peer}'s certificate (subject '{certificate.Subject}', SHA-256 {Thumbprint(certificate)})";

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_anchors);
        chain.ChainPolicy.ExtraStore.AddRange(_intermediates);
        if (sslChain is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(sslChain.ChainPolicy.ExtraStore);
        }

        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;

        if (!chain.Build(certificate))
        {
            var statuses = chain.ChainStatus.Length == 0
                ? "unknown error"
                : string.Join("; ", chain.ChainStatus.Select(s => $"{s.Status}: {s.StatusInformation.Trim()}"));
            return $"{described} is untrusted: it does not chain to a CA in {TlsSettings.CaCertificatePathKey} ({statuses})";
        }

        if (_pins.Count > 0 && !_pins.Contains(Thumbprint(certificate)))
        {
            return $"{described} is not pinned: its thumbprint is not in {TlsSettings.AllowedThumbprintsKey}";
        }

        return null;
    }
}
