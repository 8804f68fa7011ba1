namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>A <c>member</c> event of <c>GET /api/v1/events</c>: membership or reachability changed.</summary>
/// <param name="Address">The member.</param>
/// <param name="Event">What happened: <c>up</c>, <c>joined</c>, <c>left</c>, <c>exited</c>, <c>downed</c>, <c>removed</c>, <c>unreachable</c>, <c>reachable</c>, or another member event's name.</param>
/// <param name="Status">Its member status after the event.</param>
/// <param name="At">When this node saw it, UTC.</param>
internal sealed record MemberEventDto(string Address, string Event, string Status, DateTimeOffset At);
