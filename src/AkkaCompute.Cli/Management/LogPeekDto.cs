namespace AkkaCompute.Cli.Management;

/// <summary>The answer of <c>GET /log</c> (<c>akc log peek</c>).</summary>
/// <param name="Lines">The most recent log lines, oldest first.</param>
/// <param name="Capacity">How many lines the node keeps (<c>akc.management.log-lines</c>).</param>
/// <param name="Dropped">Lines dropped from the ring since the node started because it was full.</param>
internal sealed record LogPeekDto(IReadOnlyList<string> Lines, int Capacity, long Dropped);
