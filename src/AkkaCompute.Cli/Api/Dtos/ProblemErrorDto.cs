namespace AkkaCompute.Cli.Api.Dtos;

/// <summary>One problem of a refused request, inside <see cref="ApiProblemDto.Errors"/>.</summary>
/// <param name="Field">What is wrong: a query parameter or route value (<c>limit</c>, <c>id</c>), <c>body</c>, or a job file position (<c>job.conf:3:7</c>).</param>
/// <param name="Reason">Why, in one sentence.</param>
/// <param name="Line">For a job file: the 1-based line; null otherwise (0 when the problem concerns the whole file).</param>
/// <param name="Column">For a job file: the 1-based column; null otherwise.</param>
internal sealed record ProblemErrorDto(string Field, string Reason, int? Line = null, int? Column = null);
