namespace AkkaCompute.Cli.Management;

/// <summary>The answer of <c>GET /actors</c>.</summary>
/// <param name="Root">The actor at the requested path and its descendants to the requested depth.</param>
/// <param name="Depth">The depth shown (1 means the actor's children only).</param>
/// <param name="Actors">How many actors are listed.</param>
/// <param name="Truncated">True when the listing stopped at <see cref="ActorTree.MaxActors"/> actors.</param>
internal sealed record ActorTreeDto(ActorNodeDto Root, int Depth, int Actors, bool Truncated);
