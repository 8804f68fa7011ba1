using Microsoft.AspNetCore.Http;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// An ASP.NET Core endpoint filter that lets a request through only when its <c>Authorization: Bearer TOKEN</c> header carries the
/// node's <see cref="BearerToken"/>. Otherwise it answers with RFC 7807 problem details naming the <c>Authorization</c> header and the
/// reason: 403 when the node has no token configured (the detail says how to set one), 401 with <c>WWW-Authenticate: Bearer</c> when
/// the header is missing or the token is wrong. Add it to every endpoint that changes the cluster:
/// <c>app.MapPost(...).AddEndpointFilter(new BearerTokenFilter(token))</c>.
/// </summary>
/// <param name="token">The node's token; <see cref="BearerToken.None"/> refuses everything.</param>
internal sealed class BearerTokenFilter(BearerToken token) : IEndpointFilter
{
    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var check = token.Check(http.Request.Headers.Authorization.Count > 0 ? http.Request.Headers.Authorization.ToString() : null);
        if (check == TokenCheck.Accepted)
        {
            return next(context);
        }

        if (check != TokenCheck.NotConfigured)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }

        var (status, detail) = check switch
        {
            TokenCheck.NotConfigured => (StatusCodes.Status403Forbidden, BearerToken.HowToConfigure),
            TokenCheck.Missing => (StatusCodes.Status401Unauthorized,
                "Authorization: this command changes the cluster and needs the node's token: send Authorization: Bearer TOKEN (akc: --token-file FILE or the variable AKC_TOKEN)"),
            _ => (StatusCodes.Status401Unauthorized, "Authorization: the token is not this node's token (akc.management.token-file or token-env)"),
        };
        return ValueTask.FromResult<object?>(Results.Problem(
            detail: detail,
            statusCode: status,
            title: status == StatusCodes.Status403Forbidden ? "no management token configured" : "not authorized",
            extensions: new Dictionary<string, object?> { ["field"] = "Authorization", ["message"] = detail }));
    }
}
