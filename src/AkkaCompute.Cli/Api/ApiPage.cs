using Microsoft.AspNetCore.Builder;
using Scalar.AspNetCore;

namespace AkkaCompute.Cli.Api;

/// <summary>
/// The API page at <c>/api</c>: Scalar's API reference over the OpenAPI document <c>/openapi/v1.json</c>, served from the
/// Scalar.AspNetCore assembly (its script is embedded: no CDN; Scalar's web fonts are turned off).
/// </summary>
internal static class ApiPage
{
    /// <summary>Where the page is served.</summary>
    public const string Path = "/api";

    /// <summary>Maps the page.</summary>
    public static void Map(WebApplication app) =>
        app.MapScalarApiReference(Path, o => o.WithTitle("AkkaCompute REST API").DisableDefaultFonts());
}
