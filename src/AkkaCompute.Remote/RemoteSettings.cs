using AkkaCompute.Actors;
using AkkaCompute.Remote.FailureDetection;
using AkkaCompute.Remote.Security;
using AkkaCompute.Remote.Transport;

namespace AkkaCompute.Remote;

/// <summary>How connections between actor systems are secured (<c>akc.remote.security.mode</c>).</summary>
public enum RemoteSecurityMode
{
    /// <summary>Plain TCP: any peer that speaks the protocol and knows the cluster id may associate. For tests and trusted hosts only.</summary>
    None,

    /// <summary>TLS with mutual certificate authentication (<see cref="RemoteSettings.Tls"/>).</summary>
    Tls,

    /// <summary>A pre-shared key and an HMAC-SHA256 challenge-response handshake (<see cref="RemoteSettings.Psk"/>).</summary>
    Psk,
}

/// <summary>
/// The typed settings of remoting (HOCON section <c>akc.remote</c>). Every value has a documented
/// default; <see cref="Validate"/> names the key, the value and the constraint of the first bad one.
/// </summary>
public sealed record RemoteSettings
{
    /// <summary>The version of the wire protocol this build speaks; peers with another version are refused at the handshake.</summary>
    public const int ProtocolVersion = 1;

    /// <summary>The address scheme of remote systems: <c>akc.tcp://system@host:port</c>.</summary>
    public const string Protocol = "akc.tcp";

    /// <summary><c>akc.remote.hostname</c>: the interface to bind and the host other nodes reach this one at. Default <c>127.0.0.1</c>.</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary><c>akc.remote.port</c>: the TCP port to listen on; 0 picks a free port. Default 2552.</summary>
    public int Port { get; init; } = 2552;

    /// <summary><c>akc.remote.cluster-id</c>: nodes with different ids refuse each other at the handshake. Default <c>akc</c>; 1 to 256 characters.</summary>
    public string ClusterId { get; init; } = "akc";

    /// <summary><c>akc.remote.transport.maximum-frame-size</c>: the largest frame sent or accepted, in bytes. Default 4 MiB. A larger outgoing message goes to dead letters; a larger incoming length prefix closes the connection.</summary>
    public int MaximumFrameSizeBytes { get; init; } = FrameCodec.DefaultMaxFrameSizeBytes;

    /// <summary><c>akc.remote.transport.send-queue-size</c>: user messages queued per association while it connects or writes. Default 20,000; overflow goes to dead letters with the reason.</summary>
    public int SendQueueSize { get; init; } = 20_000;

    /// <summary>
    /// <c>akc.remote.transport.system-queue-size</c>: DeathWatch messages (Watch, Unwatch, DeathWatchNotification) per
    /// association that the peer has not acknowledged yet (they are delivered reliably: kept and written again on a new
    /// connection until acknowledged). Default 10,000; beyond it a new one is dropped and logged as an error.
    /// </summary>
    public int SystemQueueSize { get; init; } = 10_000;

    /// <summary><c>akc.remote.transport.batch-size</c>: bytes gathered before one socket write. Default 64 KiB (frames are also written whenever the queue runs empty).</summary>
    public int BatchSizeBytes { get; init; } = 64 * 1024;

    /// <summary><c>akc.remote.transport.connection-timeout</c>: how long a TCP connect may take. Default 5 s.</summary>
    public TimeSpan ConnectionTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>akc.remote.handshake-timeout</c>: how long an accepted or connected socket may take to complete the handshake (incl. TLS) before it is closed. Default 10 s.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>akc.remote.max-pending-handshakes</c>: accepted sockets still handshaking; further sockets are closed at once. Default 4,096.</summary>
    public int MaxPendingHandshakes { get; init; } = 4096;

    /// <summary><c>akc.remote.reconnect.backoff-min</c>: first delay before reconnecting a lost or refused association. Default 100 ms; doubles per failure with ±20% jitter.</summary>
    public TimeSpan ReconnectBackoffMin { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary><c>akc.remote.reconnect.backoff-max</c>: the largest reconnect delay. Default 5 s.</summary>
    public TimeSpan ReconnectBackoffMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>akc.remote.watch.heartbeat-interval</c>: how often a node with remote watches probes each watched node. Default 1 s.</summary>
    public TimeSpan WatchHeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>akc.remote.watch.failure-detector</c>: the phi-accrual detector that declares a watched node failed (its watchers get <see cref="Terminated"/> with <c>AddressTerminated</c>).</summary>
    public PhiAccrualSettings WatchFailureDetector { get; init; } = PhiAccrualSettings.Default;

    /// <summary><c>akc.remote.security.mode</c>: none, tls or psk. Default none.</summary>
    public RemoteSecurityMode SecurityMode { get; init; } = RemoteSecurityMode.None;

    /// <summary><c>akc.remote.tls</c>: required when <see cref="SecurityMode"/> is <see cref="RemoteSecurityMode.Tls"/>.</summary>
    public TlsSettings? Tls { get; init; }

    /// <summary><c>akc.remote.psk</c>: required when <see cref="SecurityMode"/> is <see cref="RemoteSecurityMode.Psk"/>; its key has no default.</summary>
    public PskSettings? Psk { get; init; }

    /// <summary>Checks every value.</summary>
    /// <exception cref="ConfigurationException">A value breaks its constraint; the message names key, value and constraint.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Hostname))
        {
            throw new ConfigurationException("akc.remote.hostname", Hostname, "must be a host name or IP address");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ConfigurationException("akc.remote.port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be between 0 and 65535");
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || ClusterId.Length > 256)
        {
            throw new ConfigurationException("akc.remote.cluster-id", ClusterId, "must be 1 to 256 characters");
        }

        AtLeast(FrameCodec.MaxFrameSizeKey, MaximumFrameSizeBytes, 1024);
        if (MaximumFrameSizeBytes > FrameCodec.MaxConfigurableFrameSizeBytes)
        {
            throw new ConfigurationException(FrameCodec.MaxFrameSizeKey, MaximumFrameSizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be at most 1 GiB");
        }

        AtLeast("akc.remote.transport.send-queue-size", SendQueueSize, 1);
        AtLeast("akc.remote.transport.system-queue-size", SystemQueueSize, 1);
        AtLeast("akc.remote.transport.batch-size", BatchSizeBytes, 1024);
        AtLeast("akc.remote.max-pending-handshakes", MaxPendingHandshakes, 1);
        Positive("akc.remote.transport.connection-timeout", ConnectionTimeout);
        Positive("akc.remote.handshake-timeout", HandshakeTimeout);
        Positive("akc.remote.reconnect.backoff-min", ReconnectBackoffMin);
        Positive("akc.remote.watch.heartbeat-interval", WatchHeartbeatInterval);
        if (ReconnectBackoffMax < ReconnectBackoffMin)
        {
            throw new ConfigurationException("akc.remote.reconnect.backoff-max", ReconnectBackoffMax.ToString(), "must be at least akc.remote.reconnect.backoff-min");
        }

        WatchFailureDetector.Validate();
        switch (SecurityMode)
        {
            case RemoteSecurityMode.Tls:
                (Tls ?? throw new ConfigurationException("akc.remote.tls.certificate-path", null, "security mode tls needs akc.remote.tls settings")).Validate();
                break;
            case RemoteSecurityMode.Psk:
                (Psk ?? throw new ConfigurationException("akc.remote.psk.key", null, "PSK mode needs a key; there is no default")).Validate();
                break;
        }
    }

    private static void AtLeast(string key, int value, int min)
    {
        if (value < min)
        {
            throw new ConfigurationException(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"must be at least {min}");
        }
    }

    private static void Positive(string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ConfigurationException(key, value.ToString(), "must be positive");
        }
    }
}
