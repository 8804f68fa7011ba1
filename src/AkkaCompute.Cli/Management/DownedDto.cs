namespace AkkaCompute.Cli.Management;

/// <summary>The answer to <c>POST /cluster/down-unreachable</c>.</summary>
/// <param name="Message">A sentence for the operator.</param>
/// <param name="Downed">The addresses marked Down, in address order; empty when none was unreachable.</param>
internal sealed record DownedDto(string Message, IReadOnlyList<string> Downed);
