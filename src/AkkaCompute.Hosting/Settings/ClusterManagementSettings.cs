namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// The node's management endpoint (HOCON section <c>akc.management</c>): the HTTP API that <c>akc cluster show|join|leave|down</c>
/// talks to, in the manner of Petabridge.Cmd. It has no authentication, so it listens on loopback by default; expose it only
/// behind something that authenticates. The ranges are enforced by <see cref="NodeSettingsBinder"/>.
/// </summary>
public sealed record ClusterManagementSettings
{
    /// <summary>The default port, as Akka.Management's: 8558.</summary>
    public const int DefaultPort = 8558;

    /// <summary><c>akc.management.enabled</c>: whether <c>akc node</c> serves the endpoint. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>akc.management.hostname</c>: the interface to listen on. Default <c>127.0.0.1</c>; a host name or IP address of 1 to 255 characters.</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary><c>akc.management.port</c>: the TCP port; 0 picks a free one (the node prints it). Default 8558; 0 to 65535.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The default of <see cref="MaxRequestBytes"/>: 4 MiB.</summary>
    public const long DefaultMaxRequestBytes = 4L * 1024 * 1024;

    /// <summary>The largest accepted <see cref="MaxRequestBytes"/>: 1 GiB.</summary>
    public const long MaxRequestBytesLimit = 1024L * 1024 * 1024;

    /// <summary>
    /// <c>akc.management.max-request-bytes</c>: the largest request body the REST API (<c>/api/v1</c>) accepts, e.g. a job
    /// submission; a larger one is answered 413 without being read. Default 4 MiB; 1 KiB to 1 GiB. The cluster commands'
    /// routes keep their own 4 KiB.
    /// </summary>
    public long MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;
}
