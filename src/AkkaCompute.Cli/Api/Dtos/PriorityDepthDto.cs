namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>How many of this node's tasks wait (accepted or retrying, not running) at one priority.</summary>
/// <param name="Priority">The priority; null for tasks whose priority this API does not know (submitted another way).</param>
/// <param name="Count">How many, 1 or more.</param>
internal sealed record PriorityDepthDto(int? Priority, int Count);
