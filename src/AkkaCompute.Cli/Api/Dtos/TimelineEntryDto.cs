namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>One step of a task's lifecycle, in its timeline.</summary>
/// <param name="State">The state entered (<c>Accepted</c>, <c>Running</c>, <c>Retrying</c>, or a terminal state).</param>
/// <param name="Attempt">The attempt number (0 before the first).</param>
/// <param name="At">When, UTC.</param>
/// <param name="Message">The error of a failed attempt (Retrying) or of the task (Failed, TimedOut, Cancelled); null otherwise.</param>
internal sealed record TimelineEntryDto(string State, int Attempt, DateTimeOffset At, string? Message);
