using Akka.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// Health endpoints for orchestrators (the compose file's health checks, Kubernetes probes):
/// <list type="bullet">
/// <item><c>GET /healthz/live</c>: 200 <see cref="HealthDto"/> while the process serves HTTP.</item>
/// <item><c>GET /healthz/ready</c>: 200 when this node is an Up (or WeaklyUp) member of the cluster and its engine answers a status query
/// within <see cref="ReadyQueryTimeout"/> (its history journal has been recovered); else 503 with the checks that failed.</item>
/// </list>
/// No authentication; the bodies hold no secrets.
/// </summary>
internal static class HealthRoutes
{
    /// <summary>How long the engine may take to answer the readiness query: 2 s.</summary>
    public static readonly TimeSpan ReadyQueryTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Maps the two endpoints.</summary>
    public static void Map(WebApplication app, ManagementContext context)
    {
        app.MapGet("/healthz/live", () => Results.Ok(new HealthDto("live", context.Cluster.SelfAddress.ToString(), [])));
        app.MapGet("/healthz/ready", async (CancellationToken ct) =>
        {
            var failing = new List<string>();
            var status = context.Cluster.SelfMember.Status;
            if (status is not (MemberStatus.Up or MemberStatus.WeaklyUp))
            {
                failing.Add($"member: this node is {status}, not Up in a cluster");
            }

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(ReadyQueryTimeout);
                await context.Node.StatusAsync(timeout.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failing.Add($"journal: the engine did not answer within {ReadyQueryTimeout.TotalSeconds:0} s (recovering its history, or stopped)");
            }

            var dto = new HealthDto(failing.Count == 0 ? "ready" : "not ready", context.Cluster.SelfAddress.ToString(), failing);
            return failing.Count == 0 ? Results.Ok(dto) : Results.Json(dto, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
