using System.ComponentModel;
using AkkaCompute.Cli.Commands;
using ModelContextProtocol.Server;

namespace AkkaCompute.Cli.Mcp;

/// <summary>
/// The cluster tools of <c>akc mcp</c>: <c>cluster_status</c>, <c>node_stats</c>, <c>merkle_clock</c>. Each asks the member the
/// server is connected to and returns one JSON object (camelCase).
/// </summary>
[McpServerToolType]
internal sealed class ClusterTools(ClusterSession session)
{
    /// <summary>The members and the contact member's task counts.</summary>
    [McpServerTool(Name = "cluster_status", ReadOnly = true, Idempotent = true, OpenWorld = true)]
    [Description("The cluster as the member this server is connected to sees it: the members it places tasks on (Up, not removed; unreachable ones not yet downed included) with their roles, the contact addresses, and the counts of the tasks that member is home to by state. Returns {contacts, members: [{address, roles}], memberCount, tasks: {total, byState}}.")]
    public async Task<string> ClusterStatus(CancellationToken cancellationToken = default)
    {
        var members = await ClusterSession.AskAsync(() => session.Client.MembersWithRolesAsync(cancellationToken));
        var status = await ClusterSession.AskAsync(() => session.Client.StatusAsync(cancellationToken));
        return CliJson.Serialize(new
        {
            contacts = session.Client.Contacts.Select(c => c.ToString()),
            members = members.Select(m => new { address = m.Address, roles = m.Roles.Order(StringComparer.Ordinal) }),
            memberCount = members.Count,
            tasks = new { total = status.Known, byState = ByState(status) },
        });
    }

    /// <summary>The contact member's counters.</summary>
    [McpServerTool(Name = "node_stats", ReadOnly = true, Idempotent = true, OpenWorld = true)]
    [Description("The counters of the member this server is connected to: tasks it is home to by state, and its distributed-protocol counters: placedElsewhere (its unfinished tasks on other members now), foreign (other homes' tasks here now), handedOff (re-placed because their owner was removed, since start), stolen (queued tasks given to idle members, since start), duplicateResults (results dropped because the task had one). Returns {members, tasks: {total, byState}, placedElsewhere, foreign, handedOff, stolen, duplicateResults}.")]
    public async Task<string> NodeStats(CancellationToken cancellationToken = default)
    {
        var status = await ClusterSession.AskAsync(() => session.Client.StatusAsync(cancellationToken));
        var stats = await ClusterSession.AskAsync(() => session.Client.ClusterStatsAsync(cancellationToken));
        return CliJson.Serialize(new
        {
            members = stats.Members,
            tasks = new { total = status.Known, byState = ByState(status) },
            placedElsewhere = stats.PlacedElsewhere,
            foreign = stats.Foreign,
            handedOff = stats.HandedOff,
            stolen = stats.Stolen,
            duplicateResults = stats.DuplicateResults,
        });
    }

    /// <summary>The merkle clock as the contact member sees it.</summary>
    [McpServerTool(Name = "merkle_clock", ReadOnly = true, Idempotent = true, OpenWorld = true)]
    [Description("The cluster's merkle clock as the member this server is connected to sees it: one counter per member (it ticks when the member accepts a batch and when a task it is home to finishes; replicated with Akka.DistributedData, pointwise-max merge) and the head, lowercase-hex SHA-256 of the sorted entries, which is stamped on every task at acceptance and decides its owner. Returns {head, entries: [{node, counter}]}.")]
    public async Task<string> MerkleClock(CancellationToken cancellationToken = default)
    {
        var clock = await ClusterSession.AskAsync(() => session.Client.ClockAsync(cancellationToken));
        return CliJson.Serialize(new { head = clock.Head, entries = clock.Entries.Select(e => new { node = e.Node, counter = e.Counter }) });
    }

    private static Dictionary<string, int> ByState(Compute.Protocol.NodeStatus s) => new(StringComparer.Ordinal)
    {
        ["Accepted"] = s.Waiting,
        ["Queued"] = s.Queued,
        ["Running"] = s.Running,
        ["Retrying"] = s.Retrying,
        ["Succeeded"] = s.Succeeded,
        ["Failed"] = s.Failed,
        ["Cancelled"] = s.Cancelled,
    };
}
