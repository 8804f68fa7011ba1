namespace AkkaCompute.Cli.Management;

/// <summary>The answer of <c>GET /ops</c>: what this node's management endpoint supports.</summary>
/// <param name="Node">The node's address.</param>
/// <param name="TokenConfigured">True when the node has a management token (so the commands that need one can be accepted).</param>
/// <param name="Commands">The operations, in the order <c>akc help</c> lists them.</param>
internal sealed record OpsIndexDto(string Node, bool TokenConfigured, IReadOnlyList<OpsCommandDto> Commands);
