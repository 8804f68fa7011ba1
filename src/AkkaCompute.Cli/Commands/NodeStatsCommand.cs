using System.CommandLine;
using System.Globalization;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Commands;

/// <summary><c>akc node stats</c>: one node's queue, running tasks, executors, cache hit rate, hand-offs and steals (<see cref="NodeStatsDto"/>).</summary>
internal static class NodeStatsCommand
{
    /// <summary>The <c>node stats</c> command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var endpoint = ManagementCommandLine.Endpoint();
        var json = CommonOptions.Json();
        var command = new Command("stats", "Show a running node's load: queued (by priority when known), running, executors busy/free, cache hit rate, journal write latency, hand-offs, steals, how shell tasks' resource limits are enforced, and the process's garbage collections (count, pauses, heap).")
        {
            endpoint, json,
        };
        command.SetAction((parse, ct) => ManagementCommandLine.RunAsync("node stats", parse.GetValue(endpoint)!, stderr, async client =>
        {
            var (stats, text) = await client.GetAsync<NodeStatsDto>("node/stats", ct);
            await stdout.WriteLineAsync(parse.GetValue(json) ? text : Format(stats));
        }));
        return command;
    }

    /// <summary>The text form: one <c>name: value</c> line per figure; <c>n/a</c> where the node does not report one.</summary>
    internal static string Format(NodeStatsDto s)
    {
        static string Opt(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "n/a";
        var byPriority = s.QueuedByPriority is null or { Count: 0 } ? "" : " (" + string.Join(", ", s.QueuedByPriority.Select(p => $"priority {p.Key}: {p.Value}")) + ")";
        var rate = s.CacheHitRate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
        var latency = s.JournalWriteLatencyMs is { } l ? l.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "n/a";
        return string.Join(Environment.NewLine,
            $"node: {s.Node}",
            $"queued: {s.Queued}{byPriority}",
            $"waiting: {s.Waiting}",
            $"running: {s.Running}",
            $"retrying: {s.Retrying}",
            $"executors: {s.ExecutorsBusy} busy, {s.ExecutorsFree} free (of {s.Executors})",
            $"cache: {s.CacheHits} hits, {s.CacheMisses} misses, hit rate {rate}",
            $"journal write latency: {latency}",
            $"hand-offs: {Opt(s.HandedOff)}",
            $"steals: {Opt(s.Stolen)}",
            $"finished: {s.Succeeded} succeeded, {s.Failed} failed, {s.Cancelled} cancelled",
            $"limits: {s.Limits ?? "n/a"}",
            $"gc: {s.Gc?.ToString() ?? "n/a"}");
    }
}
