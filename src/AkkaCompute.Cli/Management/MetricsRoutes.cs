using AkkaCompute.Cli.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// <c>GET /metrics</c>: the node's OpenTelemetry metrics (meter <see cref="TaskTelemetry.Name"/>, see <see cref="TaskTelemetry"/>) in
/// Prometheus' text format, through OpenTelemetry's Prometheus exporter for ASP.NET Core; e.g. <c>akkacompute_tasks_succeeded_total</c>,
/// <c>akkacompute_task_duration_milliseconds_bucket</c>, <c>akkacompute_queue_depth</c>. Also registers tracing for the per-attempt spans of the
/// activity source <see cref="TaskTelemetry.Name"/> (sent with OTLP over HTTP/protobuf to <c>akc.management.otlp-traces-endpoint</c> when
/// it is set; sampled by OpenTelemetry's defaults), and
/// <see cref="TaskTelemetryService"/>, which feeds the instruments. No authentication.
/// </summary>
internal static class MetricsRoutes
{
    /// <summary>Registers the instruments, their feeder and OpenTelemetry with the Prometheus exporter.</summary>
    public static void AddServices(WebApplicationBuilder builder, ManagementContext context)
    {
        builder.Services.AddSingleton(_ => new TaskTelemetry(context.Cluster.SelfAddress.ToString()));
        builder.Services.AddHostedService(sp => new TaskTelemetryService(context.Node, sp.GetRequiredService<TaskTelemetry>()));
        builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m.AddMeter(TaskTelemetry.Name).AddPrometheusExporter())
            .ConfigureResource(r => r.AddService("akc", serviceInstanceId: context.Cluster.SelfAddress.ToString()))
            .WithTracing(t =>
            {
                t.AddSource(TaskTelemetry.Name);
                if (context.Settings.OtlpTracesEndpoint is { } endpoint)
                {
                    t.AddOtlpExporter(o =>
                    {
                        o.Endpoint = endpoint;
                        o.Protocol = OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf;
                    });
                }
            });
    }

    /// <summary>Maps <c>GET /metrics</c>.</summary>
    public static void Map(WebApplication app) => app.MapPrometheusScrapingEndpoint("/metrics");
}
