using AkkaCompute.Hosting.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// The node's management endpoint: HTTP (ASP.NET Core minimal APIs on Kestrel) at <c>akc.management.hostname:port</c>, in the
/// manner of Akka.Management's cluster HTTP API and Petabridge.Cmd:
/// <list type="bullet">
/// <item><c>GET /cluster</c>: <see cref="ClusterStatusDto"/> (members, status, reachability, leader, self, app versions);</item>
/// <item>the commands that change the cluster (<see cref="ClusterWriteRoutes"/>), which need the node's bearer token;</item>
/// <item>the ops reads (<see cref="OpsRoutes"/>): <c>/ops</c>, <c>/cluster/events</c>, <c>/actors</c>, <c>/log</c>, <c>/node/stats</c>;</item>
/// <item><c>/healthz/live</c> and <c>/healthz/ready</c> (<see cref="HealthRoutes"/>) and <c>/metrics</c> (<see cref="MetricsRoutes"/>).</item>
/// </list>
/// The REST API (<c>/api/v1</c>), its OpenAPI document and API page, and the dashboard (<c>/</c>) are mapped by
/// <see cref="Api.RestApi"/>; the REST API's writes need the same bearer token as the cluster commands. Reads need no
/// authentication: it listens on loopback by default. Request bodies are limited to 4 KiB, except the REST API's
/// (<c>akc.management.max-request-bytes</c>, default 4 MiB).
/// </summary>
internal sealed class ManagementServer : IAsyncDisposable
{
    /// <summary>Largest accepted request body (4 KiB); an address is far smaller.</summary>
    public const long MaxRequestBodyBytes = 4096;

    /// <summary>The generic host's log category, silenced: its only errors are start and stop failures, which are thrown.</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting";

    /// <summary>How long <see cref="DisposeAsync"/> lets open requests finish before Kestrel aborts them: 5 s.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;

    private ManagementServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The base address the server listens on, e.g. <c>http://127.0.0.1:9110/</c> (the actual port when 0 was configured).</summary>
    public Uri Endpoint { get; }

    /// <summary>Starts listening.</summary>
    /// <exception cref="IOException">The port is in use or the host cannot be bound (Kestrel's message says which).</exception>
    public static async Task<ManagementServer> StartAsync(ManagementContext context, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        var settings = context.Settings;
        // The content root is the install folder, so that no appsettings.json of the working directory is picked up.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));

        // A failed start (port in use) surfaces as the exception below, which the caller reports in one line; the host's own
        // "Hosting failed to start" entry would print the same error again with its whole stack trace.
        builder.Logging.AddFilter(HostCategory, LogLevel.None);
        builder.WebHost.UseUrls($"http://{Host(settings.Hostname)}:{settings.Port}");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            k.Limits.RequestHeadersTimeout = settings.RequestHeadersTimeout; // slow clients: headers in time, bodies at Kestrel's minimum rate
            k.Limits.KeepAliveTimeout = settings.RequestHeadersTimeout + TimeSpan.FromMinutes(1);
        });
        MetricsRoutes.AddServices(builder, context);
        Api.RestApi.AddServices(builder);
        var app = builder.Build();
        Map(app, context);
        Api.RestApi.Map(app, context);
        await app.StartAsync(ct).ConfigureAwait(false);
        var url = app.Urls.First();
        return new ManagementServer(app, new Uri(url.EndsWith('/') ? url : url + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Open requests (an event stream, say) get StopTimeout to end; then Kestrel aborts them.
        using var bound = new CancellationTokenSource(StopTimeout);
        await _app.StopAsync(bound.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void Map(WebApplication app, ManagementContext context)
    {
        var cluster = context.Cluster;
        app.MapGet("/cluster", () => Results.Ok(ClusterStatusBuilder.Build(cluster.State, cluster.SelfUniqueAddress, a => !cluster.FailureDetector.IsAvailable(a))));
        ClusterWriteRoutes.Map(app, context);
        OpsRoutes.Map(app, context);
        HealthRoutes.Map(app, context);
        MetricsRoutes.Map(app);
    }

    private static string Host(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
}
