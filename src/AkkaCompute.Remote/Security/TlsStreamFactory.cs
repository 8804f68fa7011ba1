using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using AkkaCompute.Actors;

namespace AkkaCompute.Remote.Security;

/// <summary>
/// Wraps a freshly accepted or connected TCP stream in TLS with mutual authentication, before any frame is exchanged.
/// Both sides present the certificate of <see cref="TlsSettings.CertificatePath"/> and check the peer's.
/// </summary>
/// <remarks>
/// <para>
/// Peer validation: the peer's certificate must chain to the CA bundle of <see cref="TlsSettings.CaCertificatePath"/>
/// (an <see cref="X509Chain"/> with <see cref="X509ChainTrustMode.CustomRootTrust"/>, its custom trust store holding the
/// bundle's self-signed certificates, so the operating system's trusted roots are <em>not</em> trusted), be valid now
/// (by the injected clock), and, if <see cref="TlsSettings.AllowedThumbprints"/> is not empty, have a listed SHA-256
/// thumbprint. Revocation is not checked (no CRL or OCSP: nodes may have no route to a CA's distribution points); to
/// revoke a node, remove its thumbprint from the pin list or replace the CA. Extended key usage is not checked.
/// </para>
/// <para>
/// Host names are not checked: nodes are addressed by IP address and a certificate need not name either. A name
/// mismatch reported by the TLS stack is ignored; the CA (and the pin list) alone decide who is trusted.
/// </para>
/// <para>
/// A refusal is only certain on the refusing side. The TLS stack may finish the handshake before the peer's certificate
/// is checked (by design in TLS 1.3; observed with TLS 1.2 on Linux as well), so the refused side can see its
/// handshake succeed and then its first read end the stream (0 bytes) or fail (<see cref="IOException"/> or
/// <see cref="AuthenticationException"/>). Treat an end of stream or a failure before the association handshake
/// completes as a refused connection.
/// </para>
/// <para>Thread-safe: any number of handshakes may run at once.</para>
/// </remarks>
public sealed class TlsStreamFactory : IDisposable
{
    private readonly TlsSettings _settings;
    private readonly TimeProvider _time;
    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2Collection _intermediates;
    private readonly X509Certificate2Collection _caBundle;
    private readonly SslStreamCertificateContext _context;
    private readonly TlsPeerValidator _validator;
    private int _disposed;

    /// <summary>
    /// Validates <paramref name="settings"/> and loads this node's certificate, its private key and the CA bundle now, so
    /// that a configuration error stops the node at start rather than at its first connection.
    /// </summary>
    /// <param name="settings">The TLS settings; <see cref="TlsSettings.Validate"/> is called.</param>
    /// <param name="timeProvider">
    /// The clock for the handshake timeout and for checking certificates' validity periods. Default
    /// <see cref="TimeProvider.System"/>.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    /// <exception cref="ConfigurationException">
    /// A setting is invalid, or a file is missing, unreadable or malformed: the certificate has no private key (key
    /// <c>key-path</c>), the key does not match it (<c>key-path</c>), the password is missing or wrong
    /// (<c>key-password</c>, whose value is never shown), the CA bundle holds no certificate (<c>ca-certificate-path</c>).
    /// The exception's <see cref="ConfigurationException.Key"/> is the full key of the setting at fault.
    /// </exception>
    public TlsStreamFactory(TlsSettings settings, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _time = timeProvider ?? TimeProvider.System;
        _caBundle = TlsCertificateLoader.LoadCaBundle(settings);
        try
        {
            (_certificate, _intermediates) = TlsCertificateLoader.LoadNodeCertificate(settings);
        }
        catch
        {
            DisposeAll(_caBundle);
            throw;
        }

        _context = SslStreamCertificateContext.Create(_certificate, _intermediates, offline: true);
        _validator = new TlsPeerValidator(_caBundle, settings.NormalizedThumbprints(), _time);
        LocalThumbprint = TlsPeerValidator.Thumbprint(_certificate);
    }

    /// <summary>The settings this factory was made from (validated).</summary>
    public TlsSettings Settings => _settings;

    /// <summary>The SHA-256 thumbprint of this node's certificate (64 upper-case hexadecimal digits), as peers pin it.</summary>
    public string LocalThumbprint { get; }

    /// <summary>
    /// Runs the accepting side's TLS handshake over <paramref name="inner"/>: presents this node's certificate and, when
    /// <see cref="TlsSettings.RequireMutualAuthentication"/>, demands and validates the client's.
    /// </summary>
    /// <param name="inner">The accepted connection's stream. The returned stream owns it; on failure it is disposed.</param>
    /// <param name="ct">Cancels the handshake; the connection is then closed.</param>
    /// <returns>The authenticated stream, to read and write frames through.</returns>
    /// <exception cref="AuthenticationException">
    /// The client was refused or the handshake failed; the message starts with <c>TLS server:</c> and says why (no
    /// certificate, untrusted chain, not pinned, or the TLS stack's reason).
    /// </exception>
    /// <exception cref="TimeoutException">The handshake took longer than <see cref="TlsSettings.HandshakeTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The factory was disposed.</exception>
    public Task<SslStream> AuthenticateAsServerAsync(Stream inner, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentNullException.ThrowIfNull(inner);
        var check = new TlsPeerCheck(_validator, "client", _settings.RequireMutualAuthentication);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _context,
            ClientCertificateRequired = _settings.RequireMutualAuthentication,
            EnabledSslProtocols = _settings.Protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            AllowRenegotiation = false,
            RemoteCertificateValidationCallback = check.Callback,
        };
        return HandshakeAsync(inner, "server", check, (ssl, token) => ssl.AuthenticateAsServerAsync(options, token), ct);
    }

    /// <summary>
    /// Runs the connecting side's TLS handshake over <paramref name="inner"/>: validates the server's certificate and
    /// presents this node's when the server asks for one.
    /// </summary>
    /// <param name="inner">The connected stream. The returned stream owns it; on failure it is disposed.</param>
    /// <param name="targetHost">
    /// The name or IP address that was dialled; sent as SNI when it is a name. It is not compared with the server's
    /// certificate. May be empty.
    /// </param>
    /// <param name="ct">Cancels the handshake; the connection is then closed.</param>
    /// <returns>The authenticated stream, to read and write frames through.</returns>
    /// <exception cref="AuthenticationException">
    /// The server was refused or the handshake failed; the message starts with <c>TLS client:</c> and says why. A
    /// refusal of this client by the server may instead surface at the first read, as an end of stream (see the class
    /// remarks).
    /// </exception>
    /// <exception cref="TimeoutException">The handshake took longer than <see cref="TlsSettings.HandshakeTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The factory was disposed.</exception>
    public Task<SslStream> AuthenticateAsClientAsync(Stream inner, string targetHost, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(targetHost);
        var check = new TlsPeerCheck(_validator, "server", required: true);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            ClientCertificateContext = _context,
            EnabledSslProtocols = _settings.Protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            AllowRenegotiation = false,
            RemoteCertificateValidationCallback = check.Callback,
        };
        return HandshakeAsync(inner, "client", check, (ssl, token) => ssl.AuthenticateAsClientAsync(options, token), ct);
    }

    /// <summary>Releases the certificates and keys. Call it after closing the connections this factory secured.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _certificate.Dispose();
        DisposeAll(_intermediates);
        DisposeAll(_caBundle);
    }

    private async Task<SslStream> HandshakeAsync(
        Stream inner, string side, TlsPeerCheck check, Func<SslStream, CancellationToken, Task> handshake, CancellationToken ct)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        using var timeout = new CancellationTokenSource(_settings.HandshakeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await handshake(ssl, linked.Token).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception e)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            if (check.Rejection is { } reason)
            {
                throw new AuthenticationException($"TLS {side}: refused the peer: {reason}", e);
            }

            ct.ThrowIfCancellationRequested();
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"TLS {side}: the handshake did not finish within {_settings.HandshakeTimeout.TotalMilliseconds:0} ms ({TlsSettings.HandshakeTimeoutKey}); the connection was closed", e);
            }

            if (e is AuthenticationException or IOException)
            {
                throw new AuthenticationException($"TLS {side}: the handshake failed: {e.Message}{Cause(e)}", e);
            }

            throw;
        }
    }

    private static string Cause(Exception e) => e.InnerException is { } inner ? $" ({inner.Message})" : "";

    private static void DisposeAll(X509Certificate2Collection certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
