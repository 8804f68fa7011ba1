namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// The node's management endpoint (HOCON section <c>akc.management</c>): the HTTP API that <c>akc cluster ...</c>, <c>akc node stats</c>,
/// <c>akc log peek</c> and <c>akc actor hierarchy</c> talk to, in the manner of Petabridge.Cmd, plus <c>/metrics</c> and <c>/healthz</c>.
/// Reads need no authentication, so it listens on loopback by default; commands that change the cluster need a bearer token read
/// from <see cref="TokenFile"/> or the variable named by <see cref="TokenEnv"/>, and are refused while neither is configured. The
/// ranges are enforced by <see cref="NodeSettingsBinder"/>.
/// </summary>
public sealed record ClusterManagementSettings
{
    /// <summary>The default port: 9110.</summary>
    public const int DefaultPort = 9110;

    /// <summary>The most log lines <see cref="LogLines"/> may keep: 100,000.</summary>
    public const int MaxLogLines = 100_000;

    /// <summary><c>akc.management.enabled</c>: whether <c>akc node</c> serves the endpoint. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>akc.management.hostname</c>: the interface to listen on. Default <c>127.0.0.1</c>; a host name or IP address of 1 to 255 characters.</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary><c>akc.management.port</c>: the TCP port; 0 picks a free one (the node prints it). Default 9110; 0 to 65535.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// <c>akc.management.token-file</c>: a file whose content (surrounding whitespace trimmed) is the bearer token that commands changing
    /// the cluster (join, leave, down, down-unreachable) must send. Empty (the default) for none. Read when the node starts; a file that
    /// is missing, unreadable or empty stops the start.
    /// </summary>
    public string TokenFile { get; init; } = "";

    /// <summary>
    /// <c>akc.management.token-env</c>: the name of an environment variable holding the bearer token (used when <see cref="TokenFile"/>
    /// is empty). Empty (the default) for none. A named variable that is unset or empty stops the start.
    /// </summary>
    public string TokenEnv { get; init; } = "";

    /// <summary><c>akc.management.log-lines</c>: how many of the node's most recent log lines <c>akc log peek</c> can show (older ones are
    /// dropped). Default 1000; 1 to 100,000.</summary>
    public int LogLines { get; init; } = 1000;
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

    /// <summary>
    /// <c>akc.management.request-headers-timeout</c>: how long a client may take to send a request's headers before the
    /// endpoint closes its connection (slow clients, idle connections). Default 10 s; greater than 0, at most 5 minutes.
    /// </summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>akc.management.otlp-traces-endpoint</c>: where the node sends its per-attempt trace spans with OTLP over HTTP/protobuf
    /// (e.g. <c>http://collector:4318/v1/traces</c>); null (empty in HOCON, the default) sends none.
    /// </summary>
    public Uri? OtlpTracesEndpoint { get; init; }

    /// <summary>
    /// <c>akc.management.idle-memory-trim</c>: how long <c>akc node</c> must have had nothing queued or running and no executor
    /// busy, its task counters unchanged, before it compacts its heap and returns free memory to the operating system
    /// (<see cref="Node.IdleMemoryTrimmer"/>), once after start and once after each burst of work. Default 30 s; greater than 0,
    /// at most 1 day; null (<c>off</c> in HOCON) never trims.
    /// </summary>
    public TimeSpan? IdleMemoryTrim { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="BurstEndCollectionBytes"/>: 32 MiB.</summary>
    public const long DefaultBurstEndCollectionBytes = 32L << 20;

    /// <summary>
    /// <c>akc.management.burst-end-collection</c>: once <c>akc node</c> has allocated at least this many bytes since its last
    /// garbage collection and has nothing queued, running, retrying or executing, its task counters unchanged since the poll
    /// before, it collects its young generations right away (<see cref="Node.BurstEndCollector"/>), so that the collection a burst of work leaves due does not pause the next
    /// task. Default 32 MiB; 1 MiB to 1 GiB; null (<c>off</c> in HOCON) leaves every collection to the runtime.
    /// </summary>
    public long? BurstEndCollectionBytes { get; init; } = DefaultBurstEndCollectionBytes;
}
