namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>A <c>task</c> event of <c>GET /api/v1/events</c>: a task of this node changed state.</summary>
/// <param name="Id">The task.</param>
/// <param name="State">The state entered.</param>
/// <param name="Attempt">The attempt number.</param>
/// <param name="Job">Its job, when known.</param>
/// <param name="At">When this node saw it, UTC.</param>
/// <param name="Error">The error, for Retrying and unsuccessful terminal states; null otherwise.</param>
/// <param name="Progress">
/// Null for a state change. Not null: the event is a progress report of the running attempt (State <c>Running</c>,
/// unchanged), the fraction done, 0.0 to 1.0; at most 4 a second per task.
/// </param>
internal sealed record TaskEventDto(string Id, string State, int Attempt, string? Job, DateTimeOffset At, string? Error, double? Progress = null);
