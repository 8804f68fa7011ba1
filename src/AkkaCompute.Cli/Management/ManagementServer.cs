using Akka.Cluster;
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
/// <item><c>GET /cluster</c>: <see cref="ClusterStatusDto"/> (members, status, reachability, leader, self);</item>
/// <item><c>POST /cluster/join</c>, <c>/cluster/leave</c>, <c>/cluster/down</c> with <see cref="AddressRequestDto"/>: 202 and a
/// <see cref="CommandResultDto"/> when the command was handed to the cluster; 400 for a malformed address; 404 for an address that
/// is not a member (leave, down); 409 for a join while this node is already a member. A join names a node of the same actor
/// system (Akka refuses joins across system names: nodes of another cluster cannot join).</item>
/// </list>
/// The REST API (<c>/api/v1</c>), its OpenAPI document and API page, and the dashboard (<c>/</c>) are mapped by
/// <see cref="Api.RestApi"/>. No authentication: it listens on loopback by default. Request bodies are limited to 4 KiB, except
/// the REST API's (<c>akc.management.max-request-bytes</c>, default 4 MiB).
/// </summary>
internal sealed class ManagementServer : IAsyncDisposable
{
    /// <summary>Largest accepted request body (4 KiB); an address is far smaller.</summary>
    public const long MaxRequestBodyBytes = 4096;

    /// <summary>The generic host's log category, silenced: its only errors are start and stop failures, which are thrown.</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting";

    private readonly WebApplication _app;

    private ManagementServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The base address the server listens on, e.g. <c>http://127.0.0.1:8558/</c> (the actual port when 0 was configured).</summary>
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
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        Api.RestApi.AddServices(builder);
        var app = builder.Build();
        Map(app, context.Cluster);
        Api.RestApi.Map(app, context);
        await app.StartAsync(ct).ConfigureAwait(false);
        var url = app.Urls.First();
        return new ManagementServer(app, new Uri(url.EndsWith('/') ? url : url + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void Map(WebApplication app, Cluster cluster)
    {
        app.MapGet("/cluster", () => Results.Ok(ClusterStatusBuilder.Build(cluster.State, cluster.SelfUniqueAddress, a => !cluster.FailureDetector.IsAvailable(a))));
        app.MapPost("/cluster/join", (AddressRequestDto? request) =>
        {
            if (!AddressResolver.TryParse(request?.Address, out var address, out var error))
            {
                return Results.BadRequest(new CommandResultDto(error));
            }

            var self = cluster.SelfAddress;
            if (address.System != self.System || address.Protocol != self.Protocol)
            {
                return Results.BadRequest(new CommandResultDto(
                    $"{address} is not a node of this cluster's kind: this node is {self.Protocol}://{self.System}@...; nodes of another actor system (akc.system-name) or transport cannot join"));
            }

            var status = cluster.SelfMember.Status;
            if (status != MemberStatus.Removed)
            {
                return Results.Conflict(new CommandResultDto($"{self} is already a member ({status}); a node joins one cluster once. Leave and restart it to join another."));
            }

            cluster.Join(address);
            return Results.Accepted(value: new CommandResultDto($"{self} is joining the cluster of {address}", address.ToString()));
        });
        app.MapPost("/cluster/leave", (AddressRequestDto? request) => MemberCommand(cluster, request, "leave", m => cluster.Leave(m.Address)));
        app.MapPost("/cluster/down", (AddressRequestDto? request) => MemberCommand(cluster, request, "down", m => cluster.Down(m.Address)));
    }

    private static IResult MemberCommand(Cluster cluster, AddressRequestDto? request, string verb, Action<Member> apply)
    {
        if (!AddressResolver.TryResolveMember(cluster.State.Members, request?.Address, out var member, out var error))
        {
            return error.StartsWith("unknown address", StringComparison.Ordinal)
                ? Results.NotFound(new CommandResultDto(error))
                : Results.BadRequest(new CommandResultDto(error));
        }

        apply(member);
        var what = verb == "leave" ? "asked to leave (Leaving, Exiting, then Removed)" : "marked Down; the leader removes it";
        return Results.Accepted(value: new CommandResultDto($"{member.Address} ({member.Status}) {what}", member.Address.ToString()));
    }

    private static string Host(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
}
