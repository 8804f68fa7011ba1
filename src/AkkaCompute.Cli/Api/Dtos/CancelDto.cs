namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>The answer to <c>DELETE /api/v1/tasks/{id}</c> (202): the task was queued or running and is now cancelled.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Cancelled">True.</param>
/// <param name="Message">What happened, in one sentence.</param>
internal sealed record CancelDto(string TaskId, bool Cancelled, string Message);
