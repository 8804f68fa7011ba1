using AkkaCompute.Cli.Api.Dtos;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Top;

/// <summary>
/// Polls a node's HTTP endpoint for <c>akc top</c>: only what the shown tab needs (Workers: <c>/api/v1/nodes</c>; Tasks:
/// <c>/api/v1/stats</c>; Logs: <c>/log</c>, its last 100 lines or all it keeps when fewer), so a hidden tab costs the node nothing.
/// </summary>
/// <param name="client">The node's client.</param>
internal sealed class TopSource(ManagementClient client)
{
    /// <summary>Reads what <paramref name="tab"/> shows into <paramref name="previous"/> (kept where not read again).</summary>
    /// <exception cref="ManagementException">The node did not answer or answered with an error.</exception>
    public async Task<TopSnapshot> PollAsync(TopTab tab, TopSnapshot? previous, CancellationToken ct)
    {
        var snapshot = previous ?? new TopSnapshot(client.Endpoint, null, null, null, DateTimeOffset.Now);
        snapshot = tab switch
        {
            TopTab.Workers => snapshot with { Nodes = (await client.GetAsync<NodesDto>("api/v1/nodes", ct)).Value },
            TopTab.Tasks => snapshot with { Stats = (await client.GetAsync<TopStatsDto>("api/v1/stats", ct)).Value },
            _ => snapshot with { Log = (await client.GetAsync<LogPeekDto>("log", ct)).Value },
        };
        return snapshot with { At = DateTimeOffset.Now, Error = null };
    }

    /// <summary>
    /// One JSON object with everything the tabs show, for <c>akc top --json</c>:
    /// <c>{"endpoint":"...","nodes":{...},"stats":{...},"log":{...}}</c> (the node's own JSON answers, unchanged).
    /// </summary>
    /// <exception cref="ManagementException">The node did not answer or answered with an error.</exception>
    public async Task<string> ReadAllJsonAsync(CancellationToken ct)
    {
        var nodes = (await client.GetAsync<NodesDto>("api/v1/nodes", ct)).Json;
        var stats = (await client.GetAsync<TopStatsDto>("api/v1/stats", ct)).Json;
        var log = (await client.GetAsync<LogPeekDto>("log", ct)).Json;
        var endpoint = Commands.CliJson.Serialize(client.Endpoint.ToString());
        return $$"""{"endpoint":{{endpoint}},"nodes":{{nodes}},"stats":{{stats}},"log":{{log}}}""";
    }
}
