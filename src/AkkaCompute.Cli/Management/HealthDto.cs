namespace AkkaCompute.Cli.Management;

/// <summary>The body of <c>/healthz/live</c> and <c>/healthz/ready</c>.</summary>
/// <param name="Status"><c>live</c>, <c>ready</c> or <c>not ready</c>.</param>
/// <param name="Node">The node's address.</param>
/// <param name="Failing">For <c>not ready</c>: one sentence per failed check (<c>member: ...</c>, <c>journal: ...</c>); else empty.</param>
internal sealed record HealthDto(string Status, string Node, IReadOnlyList<string> Failing);
