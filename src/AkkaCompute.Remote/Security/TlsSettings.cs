using System.Globalization;
using System.Security.Authentication;
using System.Text;
using AkkaCompute.Actors;

namespace AkkaCompute.Remote.Security;

/// <summary>
/// Settings of TLS with mutual authentication between remoting nodes, read from the keys under <see cref="Section"/>
/// (<c>akc.remote.tls.*</c>). Each node has its own certificate and private key and trusts the peers whose
/// certificates chain to the configured CA bundle (optionally narrowed to a pin list of thumbprints).
/// <see cref="TlsStreamFactory"/> calls <see cref="Validate"/> before it loads anything.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> never prints <see cref="KeyPassword"/>, so the settings can be logged.
/// </remarks>
public sealed record TlsSettings
{
    /// <summary>The configuration section the keys of these settings live under: <c>akc.remote.tls</c>.</summary>
    public const string Section = "akc.remote.tls";

    /// <summary>Full key of <see cref="CertificatePath"/>: <c>akc.remote.tls.certificate-path</c>.</summary>
    public const string CertificatePathKey = Section + ".certificate-path";

    /// <summary>Full key of <see cref="KeyPath"/>: <c>akc.remote.tls.key-path</c>.</summary>
    public const string KeyPathKey = Section + ".key-path";

    /// <summary>Full key of <see cref="KeyPassword"/>: <c>akc.remote.tls.key-password</c>.</summary>
    public const string KeyPasswordKey = Section + ".key-password";

    /// <summary>Full key of <see cref="CaCertificatePath"/>: <c>akc.remote.tls.ca-certificate-path</c>.</summary>
    public const string CaCertificatePathKey = Section + ".ca-certificate-path";

    /// <summary>Full key of <see cref="RequireMutualAuthentication"/>: <c>akc.remote.tls.require-mutual-authentication</c>.</summary>
    public const string RequireMutualAuthenticationKey = Section + ".require-mutual-authentication";

    /// <summary>Full key of <see cref="AllowedThumbprints"/>: <c>akc.remote.tls.allowed-thumbprints</c>.</summary>
    public const string AllowedThumbprintsKey = Section + ".allowed-thumbprints";

    /// <summary>Full key of <see cref="Protocols"/>: <c>akc.remote.tls.protocols</c>.</summary>
    public const string ProtocolsKey = Section + ".protocols";

    /// <summary>Full key of <see cref="HandshakeTimeout"/>: <c>akc.remote.tls.handshake-timeout</c>.</summary>
    public const string HandshakeTimeoutKey = Section + ".handshake-timeout";

    /// <summary>Most entries in <see cref="AllowedThumbprints"/>: 1,000.</summary>
    public const int MaxAllowedThumbprints = 1000;

    /// <summary>Longest allowed <see cref="HandshakeTimeout"/>: 5 minutes.</summary>
    public static readonly TimeSpan MaxHandshakeTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>certificate-path</c>: this node's certificate, presented to every peer. Either a PEM file (the node's
    /// certificate first, optionally followed by intermediate CA certificates, which are sent to peers too; the private
    /// key is read from <see cref="KeyPath"/>, or from this same file when <see cref="KeyPath"/> is null), or a PKCS#12
    /// file whose name ends in <c>.pfx</c> or <c>.p12</c> (holding the certificate and its key, decrypted with
    /// <see cref="KeyPassword"/>). No default: an empty path is refused by <see cref="Validate"/>.
    /// </summary>
    public string CertificatePath { get; init; } = "";

    /// <summary>
    /// <c>key-path</c>: the PEM private key (PKCS#8, encrypted PKCS#8, PKCS#1 RSA or SEC1 EC) of the certificate when it
    /// is a PEM file. Default null: the key is looked for in <see cref="CertificatePath"/>. Ignored for PKCS#12 files.
    /// </summary>
    public string? KeyPath { get; init; }

    /// <summary>
    /// <c>key-password</c>: the password of an encrypted PEM private key (<c>ENCRYPTED PRIVATE KEY</c>) or of a PKCS#12
    /// file. There is never a default; null means the key is not encrypted. Never printed in messages or by
    /// <see cref="ToString"/>.
    /// </summary>
    public string? KeyPassword { get; init; }

    /// <summary>
    /// <c>ca-certificate-path</c>: a PEM bundle of the CA certificates that peers' certificates must chain to. Its
    /// self-signed certificates are the only trust anchors (the operating system's trust store is not used); any other
    /// certificates in it are intermediates used to complete a chain. No default: an empty path is refused by
    /// <see cref="Validate"/>.
    /// </summary>
    public string CaCertificatePath { get; init; } = "";

    /// <summary>
    /// <c>require-mutual-authentication</c>: whether the accepting side demands a certificate from the connecting side
    /// (it always validates one that is presented). The connecting side always demands and validates the accepting
    /// side's certificate, which TLS requires anyway. Default true; false lets any TLS client in, so only turn it off
    /// behind another authentication layer.
    /// </summary>
    public bool RequireMutualAuthentication { get; init; } = true;

    /// <summary>
    /// <c>allowed-thumbprints</c>: an optional pin list of SHA-256 certificate thumbprints (64 hexadecimal digits, case
    /// and <c>:</c> separators ignored, i.e. the SHA-256 hash of the DER certificate). When not empty, a peer's
    /// certificate must be in it <em>and</em> chain to the CA: pinning narrows the trust, never widens it. Default empty
    /// (no pinning); at most <see cref="MaxAllowedThumbprints"/> entries.
    /// </summary>
    public IReadOnlyList<string> AllowedThumbprints { get; init; } = [];

    /// <summary>
    /// <c>protocols</c>: the TLS versions offered and accepted. Default <see cref="SslProtocols.Tls12"/> |
    /// <see cref="SslProtocols.Tls13"/>; only those two may be set, at least one of them.
    /// </summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>
    /// <c>handshake-timeout</c>: how long one TLS handshake may take, from the call until both sides are authenticated;
    /// past it the handshake is abandoned, the connection closed and a <see cref="TimeoutException"/> thrown. Default
    /// 10 s; greater than 0, at most <see cref="MaxHandshakeTimeout"/> (5 min).
    /// </summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Checks every value against the constraint given in its documentation and that the named files exist. It does
    /// not read the files: <see cref="TlsStreamFactory"/> does, and reports unreadable contents the same way.
    /// </summary>
    /// <exception cref="ConfigurationException">
    /// A value breaks its constraint, e.g. a path is empty or names a file that does not exist, a thumbprint is not 64
    /// hexadecimal digits, an unsupported protocol is enabled or the timeout is out of range. The message names the full
    /// key, the value (never the password) and the constraint.
    /// </exception>
    public void Validate()
    {
        CheckFile(CertificatePathKey, CertificatePath, required: true, "the path of this node's certificate (PEM, .pfx or .p12)");
        CheckFile(KeyPathKey, KeyPath, required: false, "the path of the PEM private key of the certificate");
        CheckFile(CaCertificatePathKey, CaCertificatePath, required: true, "the path of the PEM bundle of CA certificates peers must chain to");
        CheckThumbprints();

        const SslProtocols supported = SslProtocols.Tls12 | SslProtocols.Tls13;
        if (Protocols == SslProtocols.None || (Protocols & ~supported) != 0)
        {
            throw new ConfigurationException(ProtocolsKey, Protocols.ToString(), "must be Tls12, Tls13 or both; older protocols and the system default (None) are refused");
        }

        if (HandshakeTimeout <= TimeSpan.Zero || HandshakeTimeout > MaxHandshakeTimeout)
        {
            throw new ConfigurationException(HandshakeTimeoutKey, HandshakeTimeout.ToString("c", CultureInfo.InvariantCulture), "must be greater than 0 and at most 5 minutes");
        }
    }

    /// <summary>
    /// The pin list as upper-case hexadecimal without separators, the form <see cref="TlsStreamFactory"/> compares
    /// thumbprints in. Call after <see cref="Validate"/>.
    /// </summary>
    internal IReadOnlySet<string> NormalizedThumbprints() =>
        AllowedThumbprints.Select(NormalizeThumbprint).ToHashSet(StringComparer.Ordinal);

    /// <summary>Upper-case hexadecimal without <c>:</c>, space or tab separators.</summary>
    internal static string NormalizeThumbprint(string thumbprint) =>
        string.Concat(thumbprint.Where(c => c is not (':' or ' ' or '\t'))).ToUpperInvariant();

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("CertificatePath = ").Append(CertificatePath)
            .Append(", KeyPath = ").Append(KeyPath)
            .Append(", KeyPassword = ").Append(KeyPassword is null ? "null" : "(hidden)")
            .Append(", CaCertificatePath = ").Append(CaCertificatePath)
            .Append(", RequireMutualAuthentication = ").Append(RequireMutualAuthentication)
            .Append(", AllowedThumbprints = [").AppendJoin(", ", AllowedThumbprints).Append(']')
            .Append(", Protocols = ").Append(Protocols)
            .Append(", HandshakeTimeout = ").Append(HandshakeTimeout.ToString("c", CultureInfo.InvariantCulture));
        return true;
    }

    private static void CheckFile(string key, string? path, bool required, string what)
    {
        if (path is null && !required)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ConfigurationException(key, path, required
                ? $"must be set to {what}; there is no default"
                : $"must not be empty: leave it unset (null) or set it to {what}");
        }

        if (!File.Exists(path))
        {
            throw new ConfigurationException(key, path, $"must name an existing file ({what}); the file does not exist");
        }
    }

    private void CheckThumbprints()
    {
        if (AllowedThumbprints is null)
        {
            throw new ConfigurationException(AllowedThumbprintsKey, null, "must be a list (empty for no pinning)");
        }

        if (AllowedThumbprints.Count > MaxAllowedThumbprints)
        {
            throw new ConfigurationException(AllowedThumbprintsKey, $"({AllowedThumbprints.Count} entries)", $"must have at most {MaxAllowedThumbprints} entries");
        }

        foreach (var entry in AllowedThumbprints)
        {
            var normalized = entry is null ? "" : NormalizeThumbprint(entry);
            if (normalized.Length != 64 || !normalized.All(char.IsAsciiHexDigit))
            {
                throw new ConfigurationException(AllowedThumbprintsKey, entry, "each entry must be a SHA-256 thumbprint: 64 hexadecimal digits (':' separators allowed)");
            }
        }
    }
}
