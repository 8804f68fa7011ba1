using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace AkkaCompute.Remote.Security;

/// <summary>
/// The certificate validation callback of one handshake: asks <see cref="TlsPeerValidator"/> and remembers why it
/// refused the peer, because SslStream's own exception only says that the callback returned false.
/// </summary>
/// <param name="validator">The validator holding the CA bundle and the pin list.</param>
/// <param name="peer">Who the peer is, for messages: "client" or "server".</param>
/// <param name="required">Whether a peer without a certificate is refused.</param>
internal sealed class TlsPeerCheck(TlsPeerValidator validator, string peer, bool required)
{
    /// <summary>Why the peer was refused; null while it has not been (or was accepted).</summary>
    public string? Rejection { get; private set; }

    /// <summary>The <see cref="RemoteCertificateValidationCallback"/>: the TLS stack's own verdict is ignored.</summary>
    public bool Callback(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        Rejection = validator.Reject(certificate, chain, peer, required);
        return Rejection is null;
    }
}
