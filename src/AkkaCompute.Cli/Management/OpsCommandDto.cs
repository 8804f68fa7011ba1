namespace AkkaCompute.Cli.Management;

/// <summary>One operation a node's management endpoint serves, in the answer of <c>GET /ops</c> (<c>akc help</c>).</summary>
/// <param name="Command">The akc command, e.g. <c>cluster down ADDR</c>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The endpoint's path.</param>
/// <param name="NeedsToken">True when it changes the cluster and needs the node's bearer token.</param>
/// <param name="Description">What it does, one sentence.</param>
internal sealed record OpsCommandDto(string Command, string Method, string Path, bool NeedsToken, string Description);
