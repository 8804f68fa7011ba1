using System.Threading.Channels;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Node.Cluster;
using Microsoft.Extensions.Hosting;

namespace AkkaCompute.Cli.Telemetry;

/// <summary>
/// Feeds <see cref="TaskTelemetry"/>: reads the node's task events (<see cref="ComputeNode.SubscribeEvents"/>) and, every
/// <see cref="PollInterval"/>, asks the node for its status, cluster counters and journal write latency for the gauges. A query that fails or times out
/// keeps the previous snapshot. Runs as a hosted service of the management server and ends with it.
/// </summary>
/// <param name="node">The node.</param>
/// <param name="telemetry">The instruments.</param>
internal sealed class TaskTelemetryService(ComputeNode node, TaskTelemetry telemetry) : BackgroundService
{
    /// <summary>How often the gauges are refreshed: 1 s.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long one status query may take: 5 s.</summary>
    public static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ReadEventsAsync(stoppingToken), PollAsync(stoppingToken));

    private async Task ReadEventsAsync(CancellationToken ct)
    {
        var events = node.SubscribeEvents();
        try
        {
            await foreach (var e in events.ReadAllAsync(ct).ConfigureAwait(false))
            {
                telemetry.Record(e);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            // the server or the node stopped
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            do
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(QueryTimeout);
                    var status = await node.StatusAsync(timeout.Token).ConfigureAwait(false);
                    var stats = await ClusterStatsQuery.AskAsync(node, QueryTimeout, timeout.Token).ConfigureAwait(false);
                    var journal = await ClusterStatsQuery.JournalLatencyAsync(node, QueryTimeout, timeout.Token).ConfigureAwait(false);
                    telemetry.Snapshot = new TelemetrySnapshot(
                        status.Queued, status.Running, stats?.HandedOff ?? 0, stats?.Stolen ?? 0, journal?.MeanMs ?? telemetry.Snapshot.JournalWriteLatencyMs);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // keep the previous snapshot: the node is busy or stopping
                }
            }
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }
}
