using System.ComponentModel;
using AkkaCompute.Cli.Commands;
using AkkaCompute.Compute.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace AkkaCompute.Cli.Mcp;

/// <summary>
/// The task tools of <c>akc mcp</c>: <c>submit_tasks</c>, <c>get_task</c>, <c>list_tasks</c>, <c>cancel_task</c>. Each returns
/// one JSON object (camelCase, states by name); bad input and refusals are tool errors (<c>isError</c>) whose text says
/// which field and why.
/// </summary>
[McpServerToolType]
internal sealed class TaskTools(ClusterSession session)
{
    /// <summary>Most task ids listed in one <c>submit_tasks</c> answer: 1,000 (the counts are always complete).</summary>
    public const int MaxIdsListed = 1_000;

    /// <summary>Most tasks <c>list_tasks</c> returns at once: 1,000.</summary>
    public const int MaxListLimit = 1_000;

    /// <summary>
    /// Most unfinished tasks whose live state one <c>list_tasks</c> call asks for (one request each): 1,000. Past it, a filter on
    /// a live state (Running, Queued, ...) leaves the rest out and counts them in <c>unchecked</c>.
    /// </summary>
    public const int MaxStateLookups = 1_000;

    /// <summary>Submits a job and returns its id and the accepted task ids.</summary>
    [McpServerTool(Name = "submit_tasks", Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Submit a job to the cluster. The job is the HOCON or JSON text `akc run` accepts, e.g. {\"tasks\": [{\"id\": \"hello\", \"function\": \"echo\", \"args\": {\"value\": \"hi\"}}, {\"id\": \"ls\", \"shell\": \"ls /tmp\"}]} (tasks: id, function + args or shell, depends-on, requires (member roles), priority, timeout, max-retries; generators: files, lines, range). It is checked before anything is sent: a bad job is refused with every problem as NAME.conf:line:column: reason. The member reached journals the tasks before it acknowledges them (it is their home) and places each on a member. Submitting the same job again is safe: known tasks are not run twice. Returns {job, accepted, alreadyKnown, taskIds (first 1000)}.")]
    public async Task<string> SubmitTasks(
        [Description("The job as HOCON or JSON text (at most 1 MiB); relative paths resolve against the MCP server's working directory.")] string job,
        [Description("The job's name: the job id and the file name in error messages (NAME.conf). Default: the job's own job.name, else \"job\".")] string? name = null,
        [Description("Values for the job's ${NAME} substitutions, e.g. {\"DIR\": \"/data\"}; each must be read by the job.")] Dictionary<string, string>? vars = null,
        CancellationToken cancellationToken = default)
    {
        var definition = session.Jobs.Read(job, name, vars);
        var outcome = await ClusterSession.AskAsync(() => session.Client.SubmitAsync(definition.Tasks, definition.Name, cancellationToken));
        session.Submitted.Add(outcome.JobId, definition.Tasks.Select(t => t.Id));
        return CliJson.Serialize(new
        {
            job = outcome.JobId,
            accepted = outcome.Accepted.Count,
            alreadyKnown = outcome.AlreadyKnown.Count,
            taskIds = definition.Tasks.Select(t => t.Id).Take(MaxIdsListed),
        });
    }

    /// <summary>One task's state and, once finished, its result.</summary>
    [McpServerTool(Name = "get_task", ReadOnly = true, Idempotent = true, OpenWorld = true)]
    [Description("Get one task's state (Accepted, Queued, Running, Retrying, Succeeded, Failed, Cancelled, TimedOut) and, once it finished, its result: output (the function's JSON value, or a shell command's exitCode/stdout/stderr), error, attempts, durationMs, fromCache. The member reached asks the other members when it is not the task's home. Returns {id, state, finished, output, error, attempts, durationMs, fromCache}.")]
    public async Task<string> GetTask(
        [Description("The task id, as submit_tasks or list_tasks returned it.")] string id,
        CancellationToken cancellationToken = default)
    {
        id = ClusterSession.TaskId(id);
        var (result, state) = await ClusterSession.AskAsync(() => session.Client.GetResultAsync(id, cancellationToken));
        if (result is null && state is null)
        {
            throw new McpException($"id: no member knows task '{id}' (it was never accepted, or its home is down); list_tasks shows the tasks submitted here");
        }

        return CliJson.Serialize(Describe(id, result, state));
    }

    /// <summary>The tasks submitted through this server, with their states.</summary>
    [McpServerTool(Name = "list_tasks", ReadOnly = true, Idempotent = true, OpenWorld = true)]
    [Description("List the tasks submitted through this MCP server (oldest first) with their states; the cluster itself has no list of every task. Filter by job and by state. Returns {total, shown, unchecked, tasks: [{id, job, state, finished, error, attempts, durationMs}]}; unchecked counts unfinished tasks whose live state was not asked for (at most 1000 are asked per call when filtering on a live state such as Running).")]
    public async Task<string> ListTasks(
        [Description("Only the tasks of this job (its id as submit_tasks returned it).")] string? job = null,
        [Description("Only tasks in this state: Accepted, Queued, Running, Retrying, Succeeded, Failed, Cancelled, TimedOut; or \"unfinished\".")] string? state = null,
        [Description("Most tasks returned, 1 to 1000. Default 100.")] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > MaxListLimit)
        {
            throw new McpException($"limit: {limit} is out of range; give 1 to {MaxListLimit}");
        }

        TaskState? wanted = null;
        var unfinishedOnly = string.Equals(state, "unfinished", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(state) && !unfinishedOnly)
        {
            wanted = Enum.TryParse<TaskState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s)
                ? s
                : throw new McpException($"state: '{state}' is not a task state; give one of {string.Join(", ", Enum.GetNames<TaskState>())}, or unfinished");
        }

        var tasks = session.Submitted.List(job);
        var finished = (await ClusterSession.AskAsync(() => session.Client.GetResultsAsync([.. tasks.Select(t => t.TaskId)], cancellationToken)))
            .ToDictionary(r => r.TaskId, StringComparer.Ordinal);
        var rows = new List<object>();
        var matching = 0;
        var lookups = 0;
        var notChecked = 0;
        foreach (var (taskJob, id) in tasks)
        {
            TaskResult? result = finished.GetValueOrDefault(id);
            TaskState? current = result?.State;
            if (result is null && (wanted is null or not TaskState.Succeeded and not TaskState.Failed and not TaskState.Cancelled and not TaskState.TimedOut))
            {
                if (rows.Count >= limit && wanted is null)
                {
                    matching++;
                    continue;
                }

                if (lookups++ >= MaxStateLookups)
                {
                    notChecked++;
                    continue;
                }

                // Unfinished: one request for its live state (only for the rows shown or filtered on).
                (result, current) = await ClusterSession.AskAsync(() => session.Client.GetResultAsync(id, cancellationToken));
            }

            if ((wanted is { } w && current != w) || (unfinishedOnly && result is not null))
            {
                continue;
            }

            matching++;
            if (rows.Count < limit)
            {
                rows.Add(new { id, job = taskJob, state = current?.ToString() ?? "Unknown", finished = result is not null, error = result?.Error, attempts = result?.Attempts, durationMs = result?.DurationMs });
            }
        }

        return CliJson.Serialize(new { total = matching, shown = rows.Count, @unchecked = notChecked, tasks = rows });
    }

    /// <summary>Cancels a task at its home.</summary>
    [McpServerTool(Name = "cancel_task", Destructive = true, Idempotent = true, OpenWorld = true)]
    [Description("Cancel a task: its home records it Cancelled and stops it wherever it runs (a shell command's process group is killed). A task that already finished is not changed. Returns {id, cancelled, reason}.")]
    public async Task<string> CancelTask(
        [Description("The task id, as submit_tasks or list_tasks returned it.")] string id,
        CancellationToken cancellationToken = default)
    {
        id = ClusterSession.TaskId(id);
        var result = await ClusterSession.AskAsync(() => session.Client.CancelAsync(id, cancellationToken));
        return CliJson.Serialize(new { id = result.TaskId, cancelled = result.Cancelled, reason = result.Reason });
    }

    private static object Describe(string id, TaskResult? result, TaskState? state) => new
    {
        id,
        state = (result?.State ?? state)?.ToString(),
        finished = result is not null,
        output = result?.Output,
        error = result?.Error,
        attempts = result?.Attempts,
        durationMs = result?.DurationMs,
        fromCache = result?.FromCache,
    };
}
