namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>One 5-second bucket of finished tasks (this node as their home), for the throughput and latency charts.</summary>
/// <param name="At">The bucket's start, UTC.</param>
/// <param name="Finished">Tasks that finished in it (any terminal state).</param>
/// <param name="Failed">Of those, the ones that did not succeed.</param>
/// <param name="LatencyAvgMs">Mean milliseconds from acceptance to finish of those whose acceptance this API saw (else their last attempt's duration); 0 when none finished.</param>
/// <param name="LatencyMaxMs">The largest of the same; 0 when none finished.</param>
internal sealed record SeriesPointDto(DateTimeOffset At, int Finished, int Failed, double LatencyAvgMs, double LatencyMaxMs);
