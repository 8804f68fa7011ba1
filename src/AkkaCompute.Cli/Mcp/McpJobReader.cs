using AkkaCompute.Compute.Execution;
using AkkaCompute.Hosting.Jobs;
using ModelContextProtocol;

namespace AkkaCompute.Cli.Mcp;

/// <summary>
/// Reads the job text <c>submit_tasks</c> and <c>check_tags</c> take: the HOCON or JSON form <c>akc run</c> accepts, checked
/// as <c>akc submit</c> checks a job file (unknown functions and arguments, against the functions of the server's
/// <c>--config</c>). Relative paths in it resolve against the server's working directory.
/// </summary>
internal sealed class McpJobReader(FunctionRegistry functions, string baseDirectory)
{
    /// <summary>Largest job text accepted: 1 MiB (characters); larger jobs go through <c>akc submit</c> with a file.</summary>
    public const int MaxJobChars = 1024 * 1024;

    /// <summary>Parses and checks <paramref name="text"/>.</summary>
    /// <param name="text">The job, HOCON or JSON.</param>
    /// <param name="name">The name messages use (<c>NAME.conf:line:column</c>) and the default job id; null for <c>job</c>.</param>
    /// <param name="variables">Values for <c>${NAME}</c> substitutions (then the server's environment); null for none.</param>
    /// <returns>The job.</returns>
    /// <exception cref="McpException">The text is empty or too long, or the job is invalid: the message lists every problem as <c>NAME.conf:line:column: reason</c>, one per line.</exception>
    public JobDefinition Read(string? text, string? name, IReadOnlyDictionary<string, string>? variables)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new McpException("job: is empty; give the job as HOCON or JSON text, e.g. {\"tasks\": [{\"id\": \"a\", \"function\": \"noop\"}]}");
        }

        if (text.Length > MaxJobChars)
        {
            throw new McpException($"job: is {text.Length} characters, more than the {MaxJobChars} accepted; put large jobs in a file and use akc submit");
        }

        var fileName = string.IsNullOrWhiteSpace(name) ? "job.conf" : (Path.HasExtension(name) ? name : name + ".conf");
        var checks = new JobChecks
        {
            KnownFunctions = functions.Names.ToHashSet(StringComparer.Ordinal),
            Task = t => t.Kind == Compute.Tasks.TaskKind.Function && t.Function is { } f && functions.TryGet(f, out var fn) ? fn.ArgumentShapeProblem(t.Args) : null,
        };
        try
        {
            var job = JobFileParser.Parse(text, fileName, baseDirectory, n => variables is not null && variables.TryGetValue(n, out var v) ? v : Environment.GetEnvironmentVariable(n), checks);
            var unused = variables?.Keys.Where(k => !job.SubstitutionNames.Contains(k)).ToList() ?? [];
            if (unused.Count > 0)
            {
                throw new McpException($"vars: {string.Join(", ", unused)} {(unused.Count == 1 ? "is" : "are")} read by no ${{NAME}} substitution in the job");
            }

            return job;
        }
        catch (JobFileException e)
        {
            throw new McpException("the job was refused; every problem, as file:line:column: reason:\n" + e.Message, e);
        }
    }
}
