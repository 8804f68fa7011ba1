namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>
/// An RFC 7807 problem details document (<c>application/problem+json</c>), the body of every 4xx and 5xx answer of the REST API.
/// </summary>
/// <param name="Type">A URI naming the kind of problem: <c>about:blank</c> or <c>https://httpstatuses.io/{status}</c>.</param>
/// <param name="Title">The HTTP reason phrase, e.g. <c>Bad Request</c>.</param>
/// <param name="Status">The HTTP status code (400 to 599).</param>
/// <param name="Detail">What went wrong, naming the field and the reason.</param>
/// <param name="Instance">The request path.</param>
/// <param name="Errors">Every problem found (for a job file: each with line and column); empty when the detail says it all.</param>
internal sealed record ApiProblemDto(string Type, string Title, int Status, string Detail, string? Instance, IReadOnlyList<ProblemErrorDto> Errors);
