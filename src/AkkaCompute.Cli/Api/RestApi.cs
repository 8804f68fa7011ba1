using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Cluster;
using AkkaCompute.Cli.Api.Dtos;
using AkkaCompute.Cli.Management;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Jobs;
using AkkaCompute.Node.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Cli.Api;

/// <summary>
/// The node's REST API under <c>/api/v1</c> (one route group, so that an authentication filter is added in one place), its
/// OpenAPI document (<c>/openapi/v1.json</c>) and API page (<c>/api</c>), and the dashboard (<c>/</c>). See README "REST API".
/// Request bodies up to <c>akc.management.max-request-bytes</c> (413 above it); every error is an RFC 7807 problem document.
/// </summary>
internal static class RestApi
{
    /// <summary>The prefix of every API route.</summary>
    public const string Prefix = "/api/v1";

    /// <summary>Default <c>limit</c> of <c>GET /api/v1/tasks</c>: 100.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Largest <c>limit</c> of <c>GET /api/v1/tasks</c>: 10,000.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>How long <c>GET /api/v1/nodes</c> waits for each member's counters: 2 s.</summary>
    public static readonly TimeSpan MemberAskTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Registers what the API needs in the server's services (OpenAPI, its JSON context); call before <c>Build</c>.</summary>
    public static void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        builder.Services.AddOpenApi();
    }

    /// <summary>Maps the API, the OpenAPI document, the API page and the dashboard on <paramref name="app"/>.</summary>
    public static void Map(WebApplication app, ManagementContext context)
    {
        var clock = TimeProvider.System;
        var board = new TaskBoard();
        var hub = new ApiEventHub(context.Node, board, clock, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AkkaCompute.Api"));
        hub.Start();
        app.Lifetime.ApplicationStopping.Register(() => hub.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10)));
        var endpoints = new ApiEndpoints(context, board, hub, clock);

        app.MapOpenApi();
        ApiPage.Map(app);
        Dashboard.Map(app);

        var api = app.MapGroup(Prefix);
        api.AddEndpointFilter(new ApiGuard(context.Settings.MaxRequestBytes));
        // Writes need the node's management token, as the cluster commands do (401/403 problem details otherwise).
        var token = new Management.BearerTokenFilter(context.Token);
        api.MapPost("/jobs", endpoints.SubmitAsync).AddEndpointFilter(token)
            .Produces<JobAcceptedDto>(StatusCodes.Status202Accepted)
            .Produces<ApiProblemDto>(StatusCodes.Status400BadRequest, ApiResults.ProblemContentType)
            .Produces<ApiProblemDto>(StatusCodes.Status409Conflict, ApiResults.ProblemContentType)
            .Produces<ApiProblemDto>(StatusCodes.Status413PayloadTooLarge, ApiResults.ProblemContentType)
            .WithSummary("Submit a job file (HOCON or JSON) or a JSON batch (an array of tasks); ?job=NAME names it.");
        api.MapGet("/jobs", endpoints.Jobs).Produces<List<JobDto>>().WithSummary("The latest jobs this node is home to, however they were submitted (API, CLI, client library, MCP).");
        api.MapGet("/jobs/{id}", endpoints.Job).Produces<JobDto>().Produces<ApiProblemDto>(StatusCodes.Status404NotFound, ApiResults.ProblemContentType)
            .WithSummary("A job's counts by state and its progress.");
        api.MapGet("/tasks", endpoints.TasksAsync).Produces<TaskListDto>().Produces<ApiProblemDto>(StatusCodes.Status400BadRequest, ApiResults.ProblemContentType)
            .WithSummary("Tasks filtered by state, job, acceptance time and tags (?state=Failed&job=NAME&since=2026-12-01T00:00:00Z|30m&limit=100&tag=gpu&tag=nightly; every tag must match).");
        api.MapGet("/tasks/{**id}", endpoints.TaskOrResultAsync).Produces<TaskDetailDto>().Produces<TaskResult>()
            .Produces<ApiProblemDto>(StatusCodes.Status404NotFound, ApiResults.ProblemContentType)
            .WithSummary("A task (definition, home, attempts, timeline); /tasks/{id}/result: its result (409 while unfinished).");
        api.MapDelete("/tasks/{**id}", endpoints.CancelAsync).AddEndpointFilter(token).Produces<CancelDto>(StatusCodes.Status202Accepted)
            .Produces<ApiProblemDto>(StatusCodes.Status409Conflict, ApiResults.ProblemContentType)
            .WithSummary("Cancels a queued or running task (202); 409 once it has finished.");
        api.MapGet("/nodes", (Func<HttpContext, Task<IResult>>)endpoints.NodesAsync).Produces<NodesDto>().WithSummary("The cluster's members: roles, status, reachability, load.");
        api.MapGet("/stats", (Func<HttpContext, Task<IResult>>)endpoints.StatsAsync).Produces<StatsDto>()
            .WithSummary("This node's counters, merkle clock, queue by priority, running tasks, failures, throughput and latency series.");
        api.MapGet("/events", endpoints.Events).Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithSummary("Server-sent events: 'task' (a task changed state) and 'member' (membership and reachability).");
        api.Map("/{**rest}", (HttpContext http) => ApiResults.Problem(http, StatusCodes.Status404NotFound, $"no such endpoint: {http.Request.Method} {http.Request.Path}; see /api"))
            .ExcludeFromDescription();
    }
}
