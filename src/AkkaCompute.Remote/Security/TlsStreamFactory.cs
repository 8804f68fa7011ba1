using System.Net.Security;

namespace AkkaCompute.Remote.Security;

/// <summary>STUB.</summary>
public sealed class TlsStreamFactory(TlsSettings settings) : IDisposable
{
    /// <summary>Stub.</summary>
    public TlsSettings Settings { get; } = settings;

    /// <summary>Stub.</summary>
    public Task<SslStream> AuthenticateAsServerAsync(Stream inner, CancellationToken ct) => throw new NotSupportedException();

    /// <summary>Stub.</summary>
    public Task<SslStream> AuthenticateAsClientAsync(Stream inner, string targetHost, CancellationToken ct) => throw new NotSupportedException();

    /// <summary>Stub.</summary>
    public void Dispose() { }
}
