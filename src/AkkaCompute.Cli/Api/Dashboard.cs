using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AkkaCompute.Cli.Api;

/// <summary>
/// The web dashboard at <c>/</c>: one self-contained HTML page with plain JavaScript (no CDN), embedded in this assembly
/// (<c>Api/wwwroot/index.html</c>). It reads <c>/api/v1/nodes</c>, <c>/api/v1/stats</c> and <c>/api/v1/jobs/{id}</c>, and
/// refreshes on the events stream <c>/api/v1/events</c>.
/// </summary>
internal static class Dashboard
{
    private const string ResourceName = "AkkaCompute.Cli.Api.dashboard.html";

    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = typeof(Dashboard).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the dashboard page {ResourceName} is not embedded in akc");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>Maps <c>GET /</c> (and <c>/dashboard</c>) to the page.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/", Serve).ExcludeFromDescription();
        app.MapGet("/dashboard", Serve).ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.Bytes(Page.Value, "text/html; charset=utf-8");
    }
}
