using System.Security.Authentication;
using AkkaCompute.Remote;
using AkkaCompute.Remote.FailureDetection;
using AkkaCompute.Remote.Security;
using AkkaCompute.Remote.Transport;

namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// Binds <c>akc.remote</c> to <see cref="RemoteSettings"/>, with <c>tls</c> or <c>psk</c> by <c>security.mode</c>, enforcing the
/// ranges documented on the records and in reference.conf, then <see cref="RemoteSettings.Validate"/> (which also checks that
/// certificate files exist and that a PSK key is long enough). The PSK key is never shown in an error, only its length.
/// </summary>
internal static class RemoteSettingsBinder
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Binds <c>akc.remote</c>.</summary>
    public static RemoteSettings Remote(SettingsReader r)
    {
        var host = r.OptionalString("hostname");
        if (string.IsNullOrWhiteSpace(host) || host.Length > 255)
        {
            throw r.Error("hostname", "must be a host name or IP address of 1 to 255 characters");
        }

        var clusterId = r.OptionalString("cluster-id");
        if (string.IsNullOrWhiteSpace(clusterId) || clusterId.Length > 256)
        {
            throw r.Error("cluster-id", "must be 1 to 256 characters");
        }

        var backoffMin = r.Duration("reconnect.backoff-min", Hour);
        var backoffMax = r.Duration("reconnect.backoff-max", Hour);
        if (backoffMax < backoffMin)
        {
            throw r.Error("reconnect.backoff-max", $"must be at least {r.FullKey("reconnect.backoff-min")} ({SettingsFormat.Duration(backoffMin)})");
        }

        var watchInterval = r.Duration("watch.heartbeat-interval", Hour);
        var mode = Mode(r);
        var settings = new RemoteSettings
        {
            Hostname = host,
            Port = r.Int("port", 0, 65535),
            ClusterId = clusterId,
            MaximumFrameSizeBytes = (int)r.Size("transport.maximum-frame-size", 1024, FrameCodec.MaxConfigurableFrameSizeBytes),
            SendQueueSize = r.Int("transport.send-queue-size", 1, 10_000_000),
            SystemQueueSize = r.Int("transport.system-queue-size", 1, 10_000_000),
            BatchSizeBytes = (int)r.Size("transport.batch-size", 1024, 64L * 1024 * 1024),
            ConnectionTimeout = r.Duration("transport.connection-timeout", Hour),
            HandshakeTimeout = r.Duration("handshake-timeout", Hour),
            MaxPendingHandshakes = r.Int("max-pending-handshakes", 1, 1_000_000),
            ReconnectBackoffMin = backoffMin,
            ReconnectBackoffMax = backoffMax,
            WatchHeartbeatInterval = watchInterval,
            WatchFailureDetector = new PhiAccrualSettings
            {
                Threshold = ClusterSettingsBinder.Double(r, "watch.failure-detector.threshold", 0.1, 1000),
                MaxSampleSize = r.Int("watch.failure-detector.max-sample-size", 1, 100_000),
                MinStdDeviation = r.Duration("watch.failure-detector.min-std-deviation", Hour),
                AcceptableHeartbeatPause = r.Duration("watch.failure-detector.acceptable-heartbeat-pause", Hour, positive: false),
                FirstHeartbeatEstimate = watchInterval,
            },
            SecurityMode = mode,
            Tls = mode == RemoteSecurityMode.Tls ? Tls(r) : null,
            Psk = mode == RemoteSecurityMode.Psk ? Psk(r) : null,
        };
        ClusterValidation.Run(r, settings.Validate);
        return settings;
    }

    private static RemoteSecurityMode Mode(SettingsReader r) => r.OptionalString("security.mode") switch
    {
        "none" => RemoteSecurityMode.None,
        "tls" => RemoteSecurityMode.Tls,
        "psk" => RemoteSecurityMode.Psk,
        _ => throw r.Error("security.mode", "must be none, tls or psk"),
    };

    private static TlsSettings Tls(SettingsReader r)
    {
        var protocols = SslProtocols.None;
        foreach (var name in r.StringList("tls.protocols"))
        {
            protocols |= name.ToLowerInvariant() switch
            {
                "tls12" or "tlsv1.2" => SslProtocols.Tls12,
                "tls13" or "tlsv1.3" => SslProtocols.Tls13,
                _ => throw r.Error("tls.protocols", "each entry must be Tls12 or Tls13"),
            };
        }

        if (protocols == SslProtocols.None)
        {
            throw r.Error("tls.protocols", "must list Tls12, Tls13 or both");
        }

        return new TlsSettings
        {
            CertificatePath = r.OptionalString("tls.certificate-path") ?? string.Empty,
            KeyPath = r.OptionalString("tls.key-path"),
            KeyPassword = r.OptionalString("tls.key-password"),
            CaCertificatePath = r.OptionalString("tls.ca-certificate-path") ?? string.Empty,
            RequireMutualAuthentication = r.Bool("tls.require-mutual-authentication"),
            AllowedThumbprints = r.StringList("tls.allowed-thumbprints"),
            Protocols = protocols,
            HandshakeTimeout = r.Duration("tls.handshake-timeout", TlsSettings.MaxHandshakeTimeout),
        };
    }

    private static PskSettings Psk(SettingsReader r) => new()
    {
        Key = r.OptionalString("psk.key"),
        AllowedNodeIds = r.StringList("psk.allowed-node-ids"),
    };
}
