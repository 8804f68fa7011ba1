using System.Globalization;
using System.Text;
using Akka.Actor;
using AkkaCompute.Cli.Api.Dtos;
using AkkaCompute.Cli.Commands;
using AkkaCompute.Cli.Management;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Jobs;
using AkkaCompute.Node.Cluster;
using Microsoft.AspNetCore.Http;

namespace AkkaCompute.Cli.Api;

/// <summary>The handlers of <c>/api/v1</c> (mapped by <see cref="RestApi"/>): thin, over the node's asks and the <see cref="TaskBoard"/>.</summary>
internal sealed class ApiEndpoints(ManagementContext context, TaskBoard board, ApiEventHub hub, TimeProvider clock)
{
    private const string ResultSuffix = "/result";
    private static readonly string[] StateNames = Enum.GetNames<TaskState>();
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private string SelfAddress => context.Cluster.SelfAddress.ToString();

    /// <summary><c>POST /api/v1/jobs[?job=NAME]</c>.</summary>
    public async Task<IResult> SubmitAsync(HttpContext http, string? job)
    {
        if (job is not null && !JobRequestReader.JobIdValid(job))
        {
            return ApiResults.BadField(http, "job", $"'{Shorten(job)}' is not a job id ({JobRequestReader.JobIdRule})");
        }

        string body;
        try
        {
            using var reader = new StreamReader(http.Request.Body, StrictUtf8);
            body = await reader.ReadToEndAsync(http.RequestAborted);
        }
        catch (DecoderFallbackException)
        {
            return ApiResults.BadField(http, "body", "is not valid UTF-8 text");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return ApiResults.BadField(http, "body", "is empty: send a job file (HOCON or JSON) or a JSON array of tasks");
        }

        var now = clock.GetUtcNow();
        var baseDirectory = Environment.CurrentDirectory;
        JobDefinition definition;
        try
        {
            definition = JobRequestReader.Read(body, job, context.Node.Functions, baseDirectory, now, context.Node.Settings.Executor.LimitsPolicy);
        }
        catch (JobFileException e)
        {
            return JobProblem(http, StatusCodes.Status400BadRequest, $"the job has {e.Errors.Count}{(e.Truncated ? "+" : string.Empty)} problem(s)", e.Errors, e.Truncated);
        }

        var oversized = new List<TaskSpec>();
        var chunks = MessageChunks.Split(definition.Tasks, t => t, SubmitBatch.MaxBatchSize, oversized);
        if (oversized.Count > 0)
        {
            var ids = oversized.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
            var reason = $"larger than one message ({MessageChunks.MaxBytes} bytes estimated): pass large data in files, not arguments";
            return JobProblem(http, StatusCodes.Status400BadRequest, $"{ids.Count} task(s) are too large", JobRequestReader.Locate(body, job, ids, reason, baseDirectory), false);
        }

        var conflicts = (await context.Node.CheckAsync(definition.Tasks, http.RequestAborted)).Conflicts;
        if (conflicts.Count > 0)
        {
            var ids = conflicts.Select(c => c.TaskId).ToHashSet(StringComparer.Ordinal);
            const string reason = "already recorded with a different definition on this node (its recorded result belongs to that one); rename the task";
            return JobProblem(http, StatusCodes.Status409Conflict, $"{ids.Count} task id(s) are taken", JobRequestReader.Locate(body, job, ids, reason, baseDirectory), false);
        }

        var jobId = definition.Name;
        board.Register(jobId, definition.Tasks, now);
        var accepted = 0;
        var known = new List<string>();
        foreach (var chunk in chunks)
        {
            var answer = await context.Node.Peer.Ask(new SubmitBatch(chunk, null, jobId), context.Node.RequestTimeout, http.RequestAborted);
            if (answer is not BatchAccepted a)
            {
                board.Settle(jobId, definition.Tasks.Select(t => t.Id), new Dictionary<string, TaskResult>(), refused: true, clock.GetUtcNow());
                var reason = answer is BatchRefused r ? r.Reason : $"unexpected answer {answer.GetType().Name}";
                return ApiResults.Problem(http, StatusCodes.Status422UnprocessableEntity, $"the node refused a batch of {chunk.Count} tasks ({accepted} accepted before it): {reason}");
            }

            accepted += a.Accepted.Count;
            known.AddRange(a.AlreadyKnown);
        }

        board.Settle(jobId, definition.Tasks.Select(t => t.Id), await FinishedAsync(known, http.RequestAborted), refused: false, clock.GetUtcNow());
        http.Response.Headers.Location = $"{RestApi.Prefix}/jobs/{Uri.EscapeDataString(jobId)}";
        return ApiResults.Json(new JobAcceptedDto(jobId, definition.Tasks.Select(t => t.Id).ToList(), accepted, known), ApiJsonContext.Default.JobAcceptedDto, StatusCodes.Status202Accepted);
    }

    /// <summary><c>GET /api/v1/jobs</c>.</summary>
    public IResult Jobs() => ApiResults.Json(board.Jobs(100).ToList(), ApiJsonContext.Default.ListJobDto);

    /// <summary><c>GET /api/v1/jobs/{id}</c>.</summary>
    public IResult Job(HttpContext http, string id) =>
        board.Job(id) is { } job
            ? ApiResults.Json(job, ApiJsonContext.Default.JobDto)
            : ApiResults.Problem(http, StatusCodes.Status404NotFound, $"id: no job '{Shorten(id)}' was accepted by this node (or it is older than the last {TaskBoard.MaxJobs} jobs)", [new ProblemErrorDto("id", "unknown job")]);

    /// <summary>Most <c>tag</c> parameters in one request: 16.</summary>
    public const int MaxTagFilters = 16;

    /// <summary><c>GET /api/v1/tasks?state=&amp;job=&amp;since=&amp;limit=&amp;tag=</c> (<c>tag</c> repeatable: every tag must match).</summary>
    public async Task<IResult> TasksAsync(HttpContext http, string? state, string? job, string? since, string? limit, string[]? tag)
    {
        if (tag is { Length: > MaxTagFilters })
        {
            return ApiResults.BadField(http, "tag", $"{tag.Length} tags given; at most {MaxTagFilters}");
        }

        if (tag?.FirstOrDefault(t => string.IsNullOrWhiteSpace(t) || t.Length > 200) is { } badTag)
        {
            return ApiResults.BadField(http, "tag", $"'{Shorten(badTag)}' is not a tag: 1 to 200 characters, not blank");
        }

        IReadOnlyList<string>? tags = tag is { Length: > 0 } ? tag : null;
        TaskState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<TaskState>(state, ignoreCase: true, out var s) || !char.IsAsciiLetter(state.FirstOrDefault()))
            {
                return ApiResults.BadField(http, "state", $"'{Shorten(state)}' is not a state; one of {string.Join(", ", StateNames)}");
            }

            wanted = s;
        }

        var now = clock.GetUtcNow();
        DateTimeOffset? from = null;
        if (since is not null)
        {
            from = TimeArgument.Parse(since, now);
            if (from is null)
            {
                return ApiResults.BadField(http, "since", $"'{Shorten(since)}' is not {TimeArgument.Formats}");
            }
        }

        var max = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > RestApi.MaxLimit))
        {
            return ApiResults.BadField(http, "limit", $"'{Shorten(limit)}' is not a whole number from 1 to {RestApi.MaxLimit}");
        }

        if (job is not null)
        {
            if (board.Job(job) is null)
            {
                return ApiResults.Problem(http, StatusCodes.Status404NotFound, $"job: no job '{Shorten(job)}' was accepted by this node (or it is older than the last {TaskBoard.MaxJobs} jobs)", [new ProblemErrorDto("job", "unknown job")]);
            }

            if (tags is not null)
            {
                // The board does not keep tags: the history filters by them, then the board's job membership.
                var tagged = await context.Node.QueryHistoryAsync(new HistoryQuery(State: wanted, From: from, Limit: RestApi.MaxLimit, Tags: tags), http.RequestAborted);
                var ofJob = tagged.Where(h => string.Equals(board.JobOf(h.Spec.Id), job, StringComparison.Ordinal)).Take(max).Select(h => Summary(h, now)).ToList();
                return ApiResults.Json(new TaskListDto(ofJob, max), ApiJsonContext.Default.TaskListDto);
            }

            return ApiResults.Json(new TaskListDto(board.JobTasks(job, wanted, from, max, now), max), ApiJsonContext.Default.TaskListDto);
        }

        var rows = await context.Node.QueryHistoryAsync(new HistoryQuery(State: wanted, From: from, Limit: max, Tags: tags), http.RequestAborted);
        return ApiResults.Json(new TaskListDto(rows.Select(h => Summary(h, now)).ToList(), max), ApiJsonContext.Default.TaskListDto);
    }

    /// <summary>
    /// The member that ran (or runs) the task's latest attempt as its home recorded it: the owner of the last start, or where
    /// a later hand-off or steal moved it; this node's own address on a single node; null before the first start.
    /// </summary>
    private string? OwnerOf(TaskHistory history)
    {
        var last = history.Events.LastOrDefault(e => e is TaskStarted or TaskOwnerChanged);
        return last switch
        {
            TaskOwnerChanged moved => moved.To,
            TaskStarted started => started.Owner ?? SelfAddress,
            _ => null,
        };
    }

    /// <summary><c>GET /api/v1/tasks/{id}</c> and <c>GET /api/v1/tasks/{id}/result</c>.</summary>
    public async Task<IResult> TaskOrResultAsync(HttpContext http, string id)
    {
        var wantsResult = id.EndsWith(ResultSuffix, StringComparison.Ordinal) && id.Length > ResultSuffix.Length;
        var taskId = Unescape(wantsResult ? id[..^ResultSuffix.Length] : id);
        if (IdProblem(http, taskId) is { } bad)
        {
            return bad;
        }

        if (wantsResult)
        {
            return await context.Node.GetResultAsync(taskId, http.RequestAborted) switch
            {
                TaskResult r => ApiResults.Json(r, ApiJsonContext.Default.TaskResult),
                TaskNotFinished { State: { } s } => ApiResults.Problem(http, StatusCodes.Status409Conflict, $"task '{taskId}' has not finished: it is {s}; ask again later or follow /api/v1/events"),
                _ => UnknownTask(http, taskId),
            };
        }

        var history = (await context.Node.QueryHistoryAsync(new HistoryQuery(TaskId: taskId, Limit: 1), http.RequestAborted)).FirstOrDefault();
        if (history is not null)
        {
            var timeline = history.Events.Select(Timeline).ToList();
            return ApiResults.Json(
                new TaskDetailDto(taskId, history.State.ToString(), history.Attempts, board.JobOf(taskId), SelfAddress, OwnerOf(history), history.Spec, history.Result, timeline,
                    history.State == TaskState.Running ? board.ProgressOf(taskId) : null),
                ApiJsonContext.Default.TaskDetailDto);
        }

        // Another member may be its home: the node asks the others (ScatterGather) for its result or state.
        return await context.Node.GetResultAsync(taskId, http.RequestAborted) switch
        {
            TaskResult r => ApiResults.Json(new TaskDetailDto(taskId, r.State.ToString(), r.Attempts, null, null, null, null, r, []), ApiJsonContext.Default.TaskDetailDto),
            TaskNotFinished { State: { } s } => ApiResults.Json(new TaskDetailDto(taskId, s.ToString(), 0, null, null, null, null, null, []), ApiJsonContext.Default.TaskDetailDto),
            _ => UnknownTask(http, taskId),
        };
    }

    /// <summary><c>DELETE /api/v1/tasks/{id}</c>.</summary>
    public async Task<IResult> CancelAsync(HttpContext http, string id)
    {
        var taskId = Unescape(id);
        if (IdProblem(http, taskId) is { } bad)
        {
            return bad;
        }

        switch (await context.Node.GetResultAsync(taskId, http.RequestAborted))
        {
            case TaskResult r:
                return ApiResults.Problem(http, StatusCodes.Status409Conflict, $"task '{taskId}' has already finished ({r.State}); nothing to cancel");
            case TaskNotFinished { State: null }:
                return UnknownTask(http, taskId);
        }

        var result = await context.Node.CancelAsync(taskId, http.RequestAborted);
        return result.Cancelled
            ? ApiResults.Json(new CancelDto(taskId, true, $"task '{taskId}' is cancelled"), ApiJsonContext.Default.CancelDto, StatusCodes.Status202Accepted)
            : ApiResults.Problem(http, StatusCodes.Status409Conflict, $"task '{taskId}' was not cancelled: {result.Reason ?? "it is not queued or running"}");
    }

    /// <summary><c>GET /api/v1/nodes</c>.</summary>
    public async Task<IResult> NodesAsync(HttpContext http)
    {
        var cluster = context.Cluster;
        var state = cluster.State;
        var self = cluster.SelfAddress;
        var unreachable = state.Unreachable.Select(m => m.UniqueAddress).ToHashSet();
        var members = state.Members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal).ToList();
        var loads = await Task.WhenAll(members.Select(m => LoadAsync(m.Address, m.Address == self, http.RequestAborted)));
        var dtos = members.Select((m, i) => new NodeDto(
            m.Address.ToString(),
            m.UniqueAddress.Uid,
            m.Roles.Where(r => !r.StartsWith("dc-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList(),
            m.Status.ToString(),
            !unreachable.Contains(m.UniqueAddress),
            m.Address == self,
            m.Address == state.Leader,
            loads[i])).ToList();
        return ApiResults.Json(new NodesDto(self.ToString(), state.Leader?.ToString(), dtos), ApiJsonContext.Default.NodesDto);
    }

    /// <summary><c>GET /api/v1/stats</c>.</summary>
    public async Task<IResult> StatsAsync(HttpContext http)
    {
        var node = context.Node;
        var status = node.StatusAsync(http.RequestAborted);
        var stats = node.Peer.Ask<ClusterStats>(GetClusterStats.Instance, node.RequestTimeout, http.RequestAborted);
        var clockView = node.Peer.Ask<ClockView>(GetClock.Instance, node.RequestTimeout, http.RequestAborted);
        await Task.WhenAll(status, stats, clockView);
        var now = clock.GetUtcNow();
        var (series, perSecond) = board.Series(now);
        return ApiResults.Json(
            new StatsDto(await status, await stats, await clockView, board.QueueByPriority(), series, board.Running(100, now), board.Failures(), board.Jobs(20), perSecond),
            ApiJsonContext.Default.StatsDto);
    }

    /// <summary><c>GET /api/v1/events</c>.</summary>
    public IResult Events(HttpContext http) =>
        hub.Subscribe(http.RequestAborted) is { } stream
            ? TypedResults.ServerSentEvents(stream)
            : ApiResults.Problem(http, StatusCodes.Status503ServiceUnavailable, $"too many event streams are open (at most {ApiEventHub.MaxClients}); close one and retry");

    private const int DefaultLimit = RestApi.DefaultLimit;

    private async Task<NodeStatus?> LoadAsync(Akka.Actor.Address address, bool self, CancellationToken ct)
    {
        try
        {
            if (self)
            {
                return await context.Node.StatusAsync(ct);
            }

            var peer = context.Node.System.ActorSelection(new RootActorPath(address) / "user" / "peer");
            return await peer.Ask<NodeStatus>(new GetNodeStatus(), RestApi.MemberAskTimeout, ct);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException or InvalidCastException)
        {
            return null;
        }
    }

    private async Task<IReadOnlyDictionary<string, TaskResult>> FinishedAsync(List<string> ids, CancellationToken ct)
    {
        var finished = new Dictionary<string, TaskResult>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(GetTaskResults.MaxIds))
        {
            var answer = await context.Node.Peer.Ask<TaskResults>(new GetTaskResults(chunk), context.Node.RequestTimeout, ct);
            foreach (var r in answer.Finished)
            {
                finished[r.TaskId] = r;
            }
        }

        return finished;
    }

    private TaskSummaryDto Summary(TaskHistory h, DateTimeOffset now)
    {
        var started = h.Events.OfType<TaskStarted>().LastOrDefault()?.At;
        var error = h.Result?.Error ?? (h.State == TaskState.Retrying ? h.Events.OfType<TaskRetrying>().LastOrDefault()?.Error : null);
        return new TaskSummaryDto(h.Spec.Id, h.State.ToString(), h.Attempts, board.JobOf(h.Spec.Id), h.Spec.Priority, h.AcceptedAt, started, h.FinishedAt,
            h.State == TaskState.Running && started is { } s ? Math.Max(0, (now - s).TotalMilliseconds) : null, error,
            h.State == TaskState.Running ? board.ProgressOf(h.Spec.Id) : null, h.Spec.Tags, h.Spec.NotBefore);
    }

    private static TimelineEntryDto Timeline(ITaskHistoryEvent e) => e switch
    {
        TaskAccepted a => new TimelineEntryDto(nameof(TaskState.Accepted), 0, a.At, null),
        TaskStarted s => new TimelineEntryDto(nameof(TaskState.Running), s.Attempt, s.At, s.Owner is null ? null : "on " + s.Owner),
        TaskRetrying r => new TimelineEntryDto(nameof(TaskState.Retrying), r.Attempt, r.At, r.Error),
        TaskFinished f => new TimelineEntryDto(f.Result.State.ToString(), f.Result.Attempts, f.At, f.Result.Error),
        TaskOwnerChanged m => new TimelineEntryDto("Moved", m.Attempt, m.At, $"{m.Reason}: {m.From} -> {m.To}"),
        _ => new TimelineEntryDto(e.GetType().Name, 0, e.At, null),
    };

    private static IResult JobProblem(HttpContext http, int status, string summary, IReadOnlyList<JobFileError> errors, bool truncated)
    {
        var detail = new StringBuilder(summary).Append(':');
        foreach (var e in errors)
        {
            detail.Append('\n').Append(e);
        }

        if (truncated)
        {
            detail.Append($"\n(stopped after {errors.Count} problems; fix these and submit again)");
        }

        return ApiResults.Problem(http, status, detail.ToString(),
            errors.Select(e => new ProblemErrorDto(e.Line > 0 ? $"{e.File}:{e.Line}:{e.Column}" : e.File, e.Reason, e.Line, e.Line > 0 ? e.Column : null)).ToList());
    }

    private static IResult UnknownTask(HttpContext http, string id) =>
        ApiResults.Problem(http, StatusCodes.Status404NotFound, $"id: no task '{id}' is known to this cluster", [new ProblemErrorDto("id", "unknown task")]);

    private static IResult? IdProblem(HttpContext http, string id) =>
        id.Length is > 0 and <= Compute.Node.TaskSpecValidator.MaxIdLength && id[0] != '.' && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.' or '/')
            ? null
            : ApiResults.BadField(http, "id", $"'{Shorten(id)}' is not a task id (1 to {Compute.Node.TaskSpecValidator.MaxIdLength} of letters, digits, '-', '_', ':', '.', '/', not starting with '.')");

    private static string Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
