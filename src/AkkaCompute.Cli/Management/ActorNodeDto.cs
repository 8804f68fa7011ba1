namespace AkkaCompute.Cli.Management;

/// <summary>One actor in the answer of <c>GET /actors</c>.</summary>
/// <param name="Path">Its path without the address, e.g. <c>/user/peer</c>.</param>
/// <param name="Name">Its name (the last path element; <c>/</c> for the root guardian).</param>
/// <param name="Type">Its actor class (short name), or null when not known (a remote or synthetic actor).</param>
/// <param name="ChildCount">How many children it has.</param>
/// <param name="Children">Its children in name order, up to the requested depth; empty below it.</param>
internal sealed record ActorNodeDto(string Path, string Name, string? Type, int ChildCount, IReadOnlyList<ActorNodeDto> Children);
