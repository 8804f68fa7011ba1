using System.ComponentModel;
using AkkaCompute.Cli.Commands;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace AkkaCompute.Cli.Mcp;

/// <summary>
/// <c>check_tags</c>: which members could run a task. Placement routes by <c>requires</c> (member roles, <c>akka.cluster.roles</c>
/// or <c>akc node --roles</c>); a task's <c>tags</c> route when the members' <c>akc.scheduler.tag-roles</c> maps them to roles
/// (given to the tool as <c>tagRoles</c>, the same <c>tag=role</c> entries), which adds those roles to its requires at acceptance. Which of the eligible members owns a task is decided at acceptance (the clock head stamped on it), so it is not predicted here.
/// </summary>
[McpServerToolType]
internal sealed class RoutingTools(ClusterSession session)
{
    /// <summary>Most roles in one request: 100.</summary>
    public const int MaxRoles = 100;

    /// <summary>Which members have the roles a task requires.</summary>
    [McpServerTool(Name = "check_tags", ReadOnly = true, Idempotent = true, OpenWorld = true)]
    [Description("Which cluster members could run a task. A task is routed by its `requires` list: only members with every one of those roles (akc node --roles) may own it; a task whose roles no member has fails, naming them. Its `tags` label it for history queries and route when the members' akc.scheduler.tag-roles maps a tag to a role (pass those entries as `tagRoles`, e.g. [\"gpu=gpu\"]): the role is added to its requires when it is accepted. Give `requires` directly, or `job` (HOCON/JSON text as for submit_tasks) and `task` (an id in it) to check that task's requires and tags. Which eligible member owns it is decided when it is accepted (nearest in Hamming distance to SHA-256(stamped clock head + task hash)). Returns {requires (with the roles its tags add), tags, tagsRoute (true when a tag added a role), eligible: [{address, roles}], ineligible: [{address, missing}], runnable}.")]
    public async Task<string> CheckTags(
        [Description("Roles the task requires, e.g. [\"gpu\"]; empty or missing: any member.")] string[]? requires = null,
        [Description("A job (HOCON or JSON text) holding the task to check; use with `task`.")] string? job = null,
        [Description("The id of the task in `job` to check.")] string? task = null,
        [Description("The members' akc.scheduler.tag-roles entries, tag=role, e.g. [\"gpu=gpu\"]; empty or missing: tags route nothing.")] string[]? tagRoles = null,
        CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> roles = requires ?? [];
        IReadOnlyList<string> tags = [];
        if (job is not null || task is not null)
        {
            if (job is null || string.IsNullOrWhiteSpace(task))
            {
                throw new McpException((job is null ? "job" : "task") + ": give both job and task to check a task of a job");
            }

            if (requires is { Length: > 0 })
            {
                throw new McpException("requires: give either requires, or job and task (the task's own requires are used)");
            }

            var definition = session.Jobs.Read(job, null, null);
            var spec = definition.Tasks.FirstOrDefault(t => string.Equals(t.Id, task, StringComparison.Ordinal))
                ?? throw new McpException($"task: the job has no task '{task}' (it has {definition.Tasks.Count}: {string.Join(", ", definition.Tasks.Take(10).Select(t => t.Id))}{(definition.Tasks.Count > 10 ? ", ..." : string.Empty)})");
            roles = spec.Requires;
            tags = spec.Tags;
        }

        if (roles.Count > MaxRoles || roles.Any(string.IsNullOrWhiteSpace))
        {
            throw new McpException($"requires: give at most {MaxRoles} non-empty role names");
        }

        var map = Compute.Scheduling.TagRouting.Parse(tagRoles ?? [], out var mapProblem) ?? throw new McpException("tagRoles: " + mapProblem);
        var routed = Compute.Scheduling.TagRouting.Apply(new Compute.Tasks.TaskSpec { Id = "check", Tags = tags, Requires = roles }, map);
        var tagsRoute = routed.Requires.Count > roles.Count;
        roles = routed.Requires;
        var members = await ClusterSession.AskAsync(() => session.Client.MembersWithRolesAsync(cancellationToken));
        var eligible = members.Where(m => m.HasRoles(roles)).ToList();
        return CliJson.Serialize(new
        {
            requires = roles,
            tags,
            tagsRoute,
            eligible = eligible.Select(m => new { address = m.Address, roles = m.Roles.Order(StringComparer.Ordinal) }),
            ineligible = members.Except(eligible).Select(m => new { address = m.Address, missing = roles.Where(r => !m.Roles.Contains(r)) }),
            runnable = eligible.Count > 0,
        });
    }
}
