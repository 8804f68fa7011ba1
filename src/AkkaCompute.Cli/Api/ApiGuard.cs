using Akka.Actor;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AkkaCompute.Cli.Api;

/// <summary>
/// The filter on every <c>/api/v1</c> endpoint: raises the request-body limit from the server's 4 KiB to
/// <c>akc.management.max-request-bytes</c> (413 with problem details above it, before reading when the length is declared), and
/// turns a malformed request (400), a node that does not answer in time (503) and a client that went away into answers, so that
/// no request stops the node.
/// </summary>
internal sealed class ApiGuard(long maxRequestBytes) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength > maxRequestBytes)
        {
            return TooLarge(http);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxRequestBytes;
        }

        try
        {
            return await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(http);
        }
        catch (BadHttpRequestException e)
        {
            return ApiResults.Problem(http, e.StatusCode, $"body: {e.Message}");
        }
        catch (AskTimeoutException)
        {
            return ApiResults.Problem(http, StatusCodes.Status503ServiceUnavailable, "the node did not answer in time; it may be busy or stopping. Retry later.");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty; // the client went away
        }
    }

    private IResult TooLarge(HttpContext http) =>
        ApiResults.Problem(http, StatusCodes.Status413PayloadTooLarge,
            $"body: larger than the limit of {maxRequestBytes} bytes (akc.management.max-request-bytes); split the job into smaller submissions or raise the limit",
            [new Dtos.ProblemErrorDto("body", $"more than {maxRequestBytes} bytes")]);
}
