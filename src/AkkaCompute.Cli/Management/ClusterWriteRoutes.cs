using Akka.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// The endpoints that change the cluster, each behind <see cref="BearerTokenFilter"/> (401 without the node's token or with a wrong one,
/// 403 while the node has none configured):
/// <list type="bullet">
/// <item><c>POST /cluster/join</c>, <c>/cluster/leave</c>, <c>/cluster/down</c> with <see cref="AddressRequestDto"/>: 202 and a
/// <see cref="CommandResultDto"/> when the command was handed to the cluster; 400 for a malformed address; 404 for an address that
/// is not a member (leave, down); 409 for a join while this node is already a member. A join names a node of the same actor
/// system (Akka refuses joins across system names: nodes of another cluster cannot join).</item>
/// <item><c>POST /cluster/down-unreachable</c> (no body): marks every member this node sees unreachable Down; 202 with
/// <see cref="DownedDto"/> (empty when none is unreachable).</item>
/// </list>
/// </summary>
internal static class ClusterWriteRoutes
{
    /// <summary>Maps the four endpoints.</summary>
    public static void Map(WebApplication app, ManagementContext context)
    {
        var cluster = context.Cluster;
        var filter = new BearerTokenFilter(context.Token);
        app.MapPost("/cluster/join", (AddressRequestDto? request) => Join(cluster, request)).AddEndpointFilter(filter);
        app.MapPost("/cluster/leave", (AddressRequestDto? request) => MemberCommand(cluster, request, "leave", m => cluster.Leave(m.Address))).AddEndpointFilter(filter);
        app.MapPost("/cluster/down", (AddressRequestDto? request) => MemberCommand(cluster, request, "down", m => cluster.Down(m.Address))).AddEndpointFilter(filter);
        app.MapPost("/cluster/down-unreachable", () =>
        {
            var downed = cluster.State.Unreachable
                .Where(m => m.Status != MemberStatus.Down)
                .OrderBy(m => m.Address, Member.AddressOrdering)
                .ToList();
            foreach (var m in downed)
            {
                cluster.Down(m.Address);
            }

            var addresses = downed.Select(m => m.Address.ToString()).ToList();
            var message = addresses.Count == 0
                ? "no member is unreachable; nothing downed"
                : $"marked Down ({addresses.Count}): {string.Join(", ", addresses)}; the leader removes them";
            return Results.Accepted(value: new DownedDto(message, addresses));
        }).AddEndpointFilter(filter);
    }

    private static IResult Join(Cluster cluster, AddressRequestDto? request)
    {
        if (!AddressResolver.TryParse(request?.Address, out var address, out var error))
        {
            return Results.BadRequest(new CommandResultDto(error));
        }

        var self = cluster.SelfAddress;
        if (address.System != self.System || address.Protocol != self.Protocol)
        {
            return Results.BadRequest(new CommandResultDto(
                $"{address} is not a node of this cluster's kind: this node is {self.Protocol}://{self.System}@...; nodes of another actor system (akc.system-name) or transport cannot join"));
        }

        var status = cluster.SelfMember.Status;
        if (status != MemberStatus.Removed)
        {
            return Results.Conflict(new CommandResultDto($"{self} is already a member ({status}); a node joins one cluster once. Leave and restart it to join another."));
        }

        cluster.Join(address);
        return Results.Accepted(value: new CommandResultDto($"{self} is joining the cluster of {address}", address.ToString()));
    }

    private static IResult MemberCommand(Cluster cluster, AddressRequestDto? request, string verb, Action<Member> apply)
    {
        if (!AddressResolver.TryResolveMember(cluster.State.Members, request?.Address, out var member, out var error))
        {
            return error.StartsWith("unknown address", StringComparison.Ordinal)
                ? Results.NotFound(new CommandResultDto(error))
                : Results.BadRequest(new CommandResultDto(error));
        }

        apply(member);
        var what = verb == "leave" ? "asked to leave (Leaving, Exiting, then Removed)" : "marked Down; the leader removes it";
        return Results.Accepted(value: new CommandResultDto($"{member.Address} ({member.Status}) {what}", member.Address.ToString()));
    }
}
