using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Jobs;

namespace AkkaCompute.Cli.Api;

/// <summary>
/// Reads the body of <c>POST /api/v1/jobs</c> as <c>akc run</c> reads a job file, with the same checks (every problem with
/// line:column, functions the node does not have, arguments their function does not take):
/// <list type="bullet">
/// <item>a job file, HOCON or JSON (an object at the top: <c>job</c>, <c>defaults</c>, <c>tasks</c>, <c>generators</c>, <c>vars</c>);</item>
/// <item>a JSON batch: an array of tasks written as in a job file's <c>tasks</c> list, e.g. <c>[{"id":"a","function":"noop"}]</c>.</item>
/// </list>
/// Substitutions (<c>${?NAME}</c>) see no environment (the node's variables are not the caller's); relative paths resolve against
/// the node's working directory. Messages name the body <c>job.conf</c> (a job file), or <c>NAME.json</c> (a batch, NAME its job).
/// </summary>
internal static class JobRequestReader
{
    /// <summary>The key a batch's array is read under; its length shifts the columns of line 1, which are given back.</summary>
    private const string BatchPrefix = "tasks = ";

    /// <summary>What a job id is: 1 to 200 of letters, digits, '-', '_', '.', ':' (not starting with '.').</summary>
    public const string JobIdRule = "1 to 200 of letters, digits, '-', '_', '.' and ':', not starting with '.'";

    /// <summary>True when <paramref name="id"/> follows <see cref="JobIdRule"/>.</summary>
    public static bool JobIdValid(string id) =>
        id.Length is > 0 and <= 200 && id[0] != '.' && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    /// <summary>True when the body is a JSON batch (its first non-blank character is '[').</summary>
    public static bool IsBatch(string body)
    {
        foreach (var c in body)
        {
            if (!char.IsWhiteSpace(c) && c != '\uFEFF')
            {
                return c == '[';
            }
        }

        return false;
    }

    /// <summary>Reads and checks a job.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="jobId">The <c>job</c> query parameter (already checked against <see cref="JobIdRule"/>): names a batch, and overrides a job file's <c>job.name</c>; null for the job file's name, or a generated <c>batch-...</c> id for a batch.</param>
    /// <param name="functions">The node's functions.</param>
    /// <param name="baseDirectory">Where relative paths resolve.</param>
    /// <param name="now">For a generated batch id.</param>
    /// <param name="limits">The node's resource limits and confinement: a task asking more, or starting outside the root, is an error at its id; null for none.</param>
    /// <returns>The job (its <see cref="JobDefinition.Name"/> is the job id).</returns>
    /// <exception cref="JobFileException">The job is invalid; every problem with line and column.</exception>
    public static JobDefinition Read(string body, string? jobId, FunctionRegistry functions, string baseDirectory, DateTimeOffset now, Compute.Execution.Limits.TaskLimitsPolicy? limits = null)
    {
        var checks = new JobChecks
        {
            KnownFunctions = functions.Names.ToHashSet(StringComparer.Ordinal),
            Task = t => limits?.Problem(t)
                ?? (t.Kind == TaskKind.Function && t.Function is { } name && functions.TryGet(name, out var f) ? f.ArgumentShapeProblem(t.Args) : null),
        };
        if (!IsBatch(body))
        {
            var job = JobFileParser.Parse(body, "job.conf", baseDirectory, NoEnvironment, checks);
            return jobId is null ? job : job with { Name = jobId };
        }

        var name = jobId ?? $"batch-{now:yyyyMMdd-HHmmss-fff}";
        try
        {
            return JobFileParser.Parse(BatchPrefix + body, name + ".json", baseDirectory, NoEnvironment, checks) with { Name = name };
        }
        catch (JobFileException e)
        {
            var errors = e.Errors.Select(x => x.Line == 1 ? x with { Column = Math.Max(1, x.Column - BatchPrefix.Length) } : x).ToList();
            throw new JobFileException(errors, e.Truncated, e);
        }
    }

    /// <summary>Positions of the tasks <paramref name="ids"/> in the body, as job-file errors with <paramref name="reason"/> (read again to find them).</summary>
    public static IReadOnlyList<JobFileError> Locate(string body, string? jobId, IReadOnlySet<string> ids, string reason, string baseDirectory)
    {
        var checks = new JobChecks { Task = t => ids.Contains(t.Id) ? reason : null };
        try
        {
            var batch = IsBatch(body);
            JobFileParser.Parse(batch ? BatchPrefix + body : body, batch ? (jobId ?? "batch") + ".json" : "job.conf", baseDirectory, NoEnvironment, checks);
        }
        catch (JobFileException e)
        {
            return e.Errors;
        }

        return ids.Select(id => new JobFileError("job", 0, 0, $"task '{id}': {reason}")).ToList();
    }

    private static string? NoEnvironment(string name) => null;
}
