namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>The answer to <c>POST /api/v1/jobs</c> (202): the job and its tasks, accepted durably by this node (their home).</summary>
/// <param name="JobId">The job's id: its <c>job.name</c> (or the <c>job</c> query parameter); <c>GET /api/v1/jobs/{jobId}</c> follows it.</param>
/// <param name="Tasks">The job's task ids, in submission order.</param>
/// <param name="Accepted">How many tasks were accepted now (new ones, and known ones that had failed and run again).</param>
/// <param name="AlreadyKnown">Task ids the node already had with the same definition (not run again).</param>
internal sealed record JobAcceptedDto(string JobId, IReadOnlyList<string> Tasks, int Accepted, IReadOnlyList<string> AlreadyKnown);
