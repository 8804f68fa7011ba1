using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using AkkaCompute.Cli.Telemetry;
using AkkaCompute.Node.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// The ops reads of the management endpoint (no token needed):
/// <list type="bullet">
/// <item><c>GET /ops</c>: <see cref="OpsIndexDto"/>, what this node supports (<c>akc help</c>).</item>
/// <item><c>GET /cluster/events</c>: a live feed of membership, reachability and leader events, one <see cref="ClusterEventDto"/> JSON
/// object per line (<c>application/x-ndjson</c>), the current state first; it runs until the client disconnects or the node stops.</item>
/// <item><c>GET /actors?path=/user&amp;depth=3</c>: <see cref="ActorTreeDto"/>; <c>depth</c> 1 to <see cref="ActorTree.MaxDepth"/>;
/// 404 for a path that names no actor.</item>
/// <item><c>GET /log?n=100</c>: <see cref="LogPeekDto"/>, the last <c>n</c> (1 to <c>akc.management.log-lines</c>) log lines.</item>
/// <item><c>GET /node/stats</c>: <see cref="NodeStatsDto"/>.</item>
/// </list>
/// A bad query parameter is a 400 with RFC 7807 problem details naming the parameter (<c>field</c>) and the reason.
/// </summary>
internal static class OpsRoutes
{
    /// <summary>How long the engine may take to answer for <c>/node/stats</c>: 5 s.</summary>
    public static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>What <c>GET /ops</c> lists.</summary>
    public static IReadOnlyList<OpsCommandDto> Commands { get; } =
    [
        new("cluster show", "GET", "/cluster", false, "members: address, roles, status, leader, app version"),
        new("cluster leader", "GET", "/cluster", false, "the leader's address"),
        new("cluster unreachable", "GET", "/cluster", false, "the members this node sees unreachable"),
        new("cluster tail", "GET", "/cluster/events", false, "a live feed of membership and reachability events until Ctrl+C"),
        new("cluster join SEED", "POST", "/cluster/join", true, "join this node to the cluster of SEED"),
        new("cluster leave [ADDR]", "POST", "/cluster/leave", true, "a member (default: this node) leaves gracefully"),
        new("cluster down ADDR", "POST", "/cluster/down", true, "mark a member Down (for nodes that are gone)"),
        new("cluster down-unreachable", "POST", "/cluster/down-unreachable", true, "mark every unreachable member Down"),
        new("actor hierarchy [--path P] [--depth N]", "GET", "/actors", false, "the node's actors as a tree"),
        new("log peek [--n N]", "GET", "/log", false, "the node's most recent log lines"),
        new("node stats", "GET", "/node/stats", false, "queue, running, executors, cache hit rate, hand-offs, steals"),
        new("(Prometheus)", "GET", "/metrics", false, "OpenTelemetry metrics in Prometheus text format"),
        new("(probe)", "GET", "/healthz/live", false, "200 while the process serves HTTP"),
        new("(probe)", "GET", "/healthz/ready", false, "200 once this node is Up and its journal recovered, else 503"),
    ];

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app, ManagementContext context)
    {
        var cluster = context.Cluster;
        app.MapGet("/ops", () => Results.Ok(new OpsIndexDto(cluster.SelfAddress.ToString(), context.Token.IsConfigured, Commands)));
        app.MapGet("/cluster/events", (HttpContext http) => StreamEventsAsync(http, context, app.Lifetime));
        app.MapGet("/actors", (string? path, string? depth) =>
        {
            if (!TryInt(depth, 3, 1, ActorTree.MaxDepth, out var d))
            {
                return Invalid("depth", $"must be a whole number from 1 to {ActorTree.MaxDepth}, got '{depth}'");
            }

            var p = string.IsNullOrWhiteSpace(path) ? "/user" : path.Trim();
            if (!p.StartsWith('/') || p.Length > 1000)
            {
                return Invalid("path", $"must be an actor path starting with '/', such as /user or /system, of up to 1000 characters, got '{p}'");
            }

            return ActorTree.Of(cluster.System, p, d) is { } tree
                ? Results.Ok(tree)
                : Results.Problem(detail: $"path: no actor at '{p}' on this node (try /user or /system)", statusCode: StatusCodes.Status404NotFound,
                    title: "no such actor", extensions: Extensions("path", $"no actor at '{p}' on this node (try /user or /system)"));
        });
        app.MapGet("/log", (string? n) =>
        {
            var capacity = context.Settings.LogLines;
            if (!TryInt(n, Math.Min(100, capacity), 1, capacity, out var count))
            {
                return Invalid("n", $"must be a whole number from 1 to {capacity} (akc.management.log-lines), got '{n}'");
            }

            if (context.Log is not { } ring)
            {
                return Results.Problem(detail: "this node keeps no log lines", statusCode: StatusCodes.Status404NotFound);
            }

            return Results.Ok(new LogPeekDto(ring.Last(count), ring.Capacity, ring.Dropped));
        });
        app.MapGet("/node/stats", async (TaskTelemetry telemetry, CancellationToken ct) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(QueryTimeout);
            try
            {
                var status = await context.Node.StatusAsync(timeout.Token);
                var stats = await ClusterStatsQuery.AskAsync(context.Node, QueryTimeout, timeout.Token);
                var depths = await ClusterStatsQuery.QueueDepthsAsync(context.Node, QueryTimeout, timeout.Token);
                var journal = await ClusterStatsQuery.JournalLatencyAsync(context.Node, QueryTimeout, timeout.Token);
                var executors = context.Node.Settings.Executor.MaxConcurrent;
                var busy = Math.Min(status.Running, executors);
                var hits = telemetry.CacheHits;
                var misses = telemetry.CacheMisses;
                return Results.Ok(new NodeStatsDto(
                    cluster.SelfAddress.ToString(), status.Queued, ByPriority(depths), status.Waiting, status.Running, status.Retrying,
                    executors, busy, executors - busy, hits, misses, hits + misses == 0 ? null : (double)hits / (hits + misses),
                    journal is { Writes: > 0 } j ? Math.Round(j.MeanMs, 3) : null,
                    stats?.HandedOff, stats?.Stolen, status.Succeeded, status.Failed, status.Cancelled)
                {
                    Limits = Running.LimitsDescription.Of(context.Node.Settings.Executor),
                    Gc = GcStatsDto.Now(),
                });
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return Results.Problem(detail: $"the engine did not answer within {QueryTimeout.TotalSeconds:0} s; it may be overloaded or stopping",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
    }

    /// <summary>The queue by priority as <see cref="NodeStatsDto.QueuedByPriority"/> (decimal keys, highest first; <c>lower</c> for the rest), or null.</summary>
    private static IReadOnlyDictionary<string, int>? ByPriority(QueueDepths? depths)
    {
        if (depths is null)
        {
            return null;
        }

        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in depths.ByPriority)
        {
            result[p.Priority.ToString(CultureInfo.InvariantCulture)] = p.Count;
        }

        if (depths.Lower > 0)
        {
            result["lower"] = depths.Lower;
        }

        return result;
    }

    /// <summary>Parses an optional whole-number query parameter in [<paramref name="min"/>, <paramref name="max"/>]; absent gives <paramref name="fallback"/>.</summary>
    internal static bool TryInt(string? text, int fallback, int min, int max, out int value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private static IResult Invalid(string field, string reason) =>
        Results.Problem(detail: $"{field}: {reason}", statusCode: StatusCodes.Status400BadRequest, title: "invalid parameter", extensions: Extensions(field, $"{field}: {reason}"));

    private static Dictionary<string, object?> Extensions(string field, string message) => new() { ["field"] = field, ["message"] = message };

    /// <summary>Cluster events buffered for a slow <c>cluster tail</c> reader: 1,000 (the oldest are dropped beyond).</summary>
    private const int ClusterEventCapacity = 1000;

    private static async Task StreamEventsAsync(HttpContext http, ManagementContext context, IHostApplicationLifetime lifetime)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var system = context.Cluster.System;
        var channel = Channel.CreateBounded<ClusterEventDto>(new BoundedChannelOptions(ClusterEventCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var writer = channel.Writer;
        var feed = system.ActorOf(ClusterEventSource.Props(
            context.Cluster,
            TimeProvider.System,
            currentStateFirst: true,
            change => writer.TryWrite(new ClusterEventDto(
                change.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                change.Kind,
                change.Address,
                change.Kind == "member" ? change.Status : null,
                change.Previous)),
            () => writer.TryComplete()));
        var events = channel.Reader;
        try
        {
            http.Response.ContentType = "application/x-ndjson";
            await http.Response.StartAsync(stop.Token);
            await http.Response.Body.FlushAsync(stop.Token);
            await foreach (var e in events.ReadAllAsync(stop.Token))
            {
                await JsonSerializer.SerializeAsync(http.Response.Body, e, Json, stop.Token);
                await http.Response.Body.WriteAsync(NewLine, stop.Token);
                await http.Response.Body.FlushAsync(stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // the client went away or the node stops
        }
        finally
        {
            system.Stop(feed);
        }
    }
}
