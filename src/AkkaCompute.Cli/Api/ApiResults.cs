using System.Text.Json.Serialization.Metadata;
using AkkaCompute.Cli.Api.Dtos;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AkkaCompute.Cli.Api;

/// <summary>The REST API's answers: JSON through <see cref="ApiJsonContext"/>, and RFC 7807 problem details (<c>application/problem+json</c>).</summary>
internal static class ApiResults
{
    /// <summary>The media type of problem details.</summary>
    public const string ProblemContentType = "application/problem+json";

    /// <summary><paramref name="value"/> as JSON with <paramref name="status"/> (default 200).</summary>
    public static IResult Json<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) =>
        Results.Json(value, type, statusCode: status);

    /// <summary>A problem document: <paramref name="status"/>, the reason phrase as title, <paramref name="detail"/>, the request path, and <paramref name="errors"/>.</summary>
    public static IResult Problem(HttpContext http, int status, string detail, IReadOnlyList<ProblemErrorDto>? errors = null) =>
        Results.Json(
            new ApiProblemDto($"https://httpstatuses.io/{status}", ReasonPhrases.GetReasonPhrase(status), status, detail, http.Request.Path.Value, errors ?? []),
            ApiJsonContext.Default.ApiProblemDto,
            contentType: ProblemContentType,
            statusCode: status);

    /// <summary>A 400 naming one field and the reason.</summary>
    public static IResult BadField(HttpContext http, string field, string reason) =>
        Problem(http, StatusCodes.Status400BadRequest, $"{field}: {reason}", [new ProblemErrorDto(field, reason)]);
}
