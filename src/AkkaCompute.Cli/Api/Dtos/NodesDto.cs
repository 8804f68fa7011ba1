namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>The answer to <c>GET /api/v1/nodes</c>: the members as this node sees them.</summary>
/// <param name="Self">This node's address.</param>
/// <param name="Leader">The leader's address, or null when there is none yet.</param>
/// <param name="Members">The members, by address.</param>
internal sealed record NodesDto(string Self, string? Leader, IReadOnlyList<NodeDto> Members);
