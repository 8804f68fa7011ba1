using AkkaCompute.Remote.Security;

namespace AkkaCompute.Remote.Endpoint;

/// <summary>
/// The security chosen by <c>akc.remote.security.mode</c>: wraps a connected socket's stream in TLS, and holds the
/// pre-shared key for the HMAC challenge-response of the handshake.
/// </summary>
internal sealed class ConnectionSecurity : IDisposable
{
    private readonly TlsStreamFactory? _tls;

    private ConnectionSecurity(TlsStreamFactory? tls, byte[]? pskKey, IReadOnlyList<string> allowedNodeIds)
    {
        _tls = tls;
        PskKey = pskKey;
        AllowedNodeIds = allowedNodeIds;
    }

    /// <summary>The pre-shared key in PSK mode; null otherwise.</summary>
    public byte[]? PskKey { get; }

    /// <summary>Peer addresses allowed to associate in PSK mode; empty allows every key holder.</summary>
    public IReadOnlyList<string> AllowedNodeIds { get; }

    /// <summary>Loads certificates or the key for <paramref name="settings"/>.</summary>
    /// <exception cref="Actors.ConfigurationException">A certificate or key cannot be loaded.</exception>
    public static ConnectionSecurity Create(RemoteSettings settings) => settings.SecurityMode switch
    {
        RemoteSecurityMode.Tls => new ConnectionSecurity(new TlsStreamFactory(settings.Tls!), null, []),
        RemoteSecurityMode.Psk => new ConnectionSecurity(null, settings.Psk!.KeyBytes(), settings.Psk.AllowedNodeIds),
        _ => new ConnectionSecurity(null, null, []),
    };

    /// <summary>TLS server authentication when configured; otherwise the stream itself.</summary>
    public async Task<Stream> UpgradeServerAsync(Stream stream, CancellationToken ct) =>
        _tls is null ? stream : await _tls.AuthenticateAsServerAsync(stream, ct).ConfigureAwait(false);

    /// <summary>TLS client authentication when configured; otherwise the stream itself.</summary>
    public async Task<Stream> UpgradeClientAsync(Stream stream, string host, CancellationToken ct) =>
        _tls is null ? stream : await _tls.AuthenticateAsClientAsync(stream, host, ct).ConfigureAwait(false);

    /// <inheritdoc />
    public void Dispose() => _tls?.Dispose();
}
