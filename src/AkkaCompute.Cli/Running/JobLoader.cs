using AkkaCompute.Cli.Commands;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Hosting.Jobs;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Cli.Running;

/// <summary>What <c>akc run</c> has read and checked before a node starts.</summary>
/// <param name="Job">The job, checked against <paramref name="Functions"/>.</param>
/// <param name="Settings">The node's settings (with the job's <c>workers</c> unless a flag set the pool size).</param>
/// <param name="Functions">The functions the node will offer.</param>
internal sealed record LoadedJob(JobDefinition Job, NodeSettings Settings, FunctionRegistry Functions);

/// <summary>
/// Reads the settings, the functions they configure and the job file (refused, with positions, when a task names
/// a function the node does not have or an argument its function does not take, or asks for more than the node's
/// limits allow or a working directory outside its confinement root, and refused when a <c>--set</c> name is read by no substitution in it); and words a job's conflicts with the store as job-file errors.
/// Problems go to stderr; the caller exits with <see cref="AkcApp.ExitBadInput"/>.
/// </summary>
internal sealed class JobLoader(TextWriter stderr, RunOptions options)
{
    /// <summary>Why a recurring task is refused where the caller waits for every task to finish.</summary>
    public const string RecurringRefused =
        "a recurring task (cron) never finishes, so akc run and akc submit --wait cannot wait for it: start akc node and submit it with akc submit JOB --contact ADDR (without --wait) or POST /api/v1/jobs";

    /// <summary>Reads everything; null after printing why not.</summary>
    /// <param name="allowRecurring">False (the default) refuses recurring tasks (<see cref="RecurringRefused"/>), for callers that wait for every task.</param>
    public async Task<LoadedJob?> LoadAsync(bool allowRecurring = false)
    {
        if (await SettingsAsync(options.Overrides) is not { } settings)
        {
            return null;
        }

        FunctionRegistry functions;
        try
        {
            functions = ComputeNode.LoadFunctions(settings);
        }
        catch (FunctionRegistrationException e)
        {
            await stderr.WriteLineAsync($"akc run: {e.Message}");
            return null;
        }

        var limits = settings.Executor.LimitsPolicy;
        var checks = new JobChecks
        {
            KnownFunctions = functions.Names.ToHashSet(StringComparer.Ordinal),
            Task = t => t.Cron is not null && !allowRecurring ? RecurringRefused
                : limits.Problem(t)
                ?? (t.Kind == Compute.Tasks.TaskKind.Function && t.Function is { } name && functions.TryGet(name, out var f) ? f.ArgumentShapeProblem(t.Args) : null),
        };
        if (await ParseAsync(checks) is not { } job)
        {
            return null;
        }

        var unused = UnusedVariables.Problems(options.Variables.Keys, job.SubstitutionNames, options.JobFile.FullName);
        foreach (var problem in unused)
        {
            await stderr.WriteLineAsync(problem);
        }

        if (unused.Count > 0)
        {
            return null;
        }

        if (job.Workers is { } w && !options.Overrides.ContainsKey("executor.max-concurrent"))
        {
            var overrides = new Dictionary<string, string>(options.Overrides, StringComparer.Ordinal)
            {
                ["executor.max-concurrent"] = w.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            settings = await SettingsAsync(overrides);
        }

        return settings is null ? null : new LoadedJob(job, settings, functions);
    }

    /// <summary>
    /// Prints the tasks whose ids the store holds with another definition, as <c>file:line:column: task 'id': reason</c>
    /// (the job file is read again to find where each was written).
    /// </summary>
    /// <param name="conflicts">The conflicting ids.</param>
    /// <param name="databasePath">The store, named in the message.</param>
    public async Task ReportConflictsAsync(IReadOnlyCollection<string> conflicts, string databasePath)
    {
        var ids = conflicts.ToHashSet(StringComparer.Ordinal);
        var reason = $"already recorded with a different definition in {databasePath} (its recorded result belongs to that one); rename the task or use another --data-dir";
        if (await ParseAsync(new JobChecks { Task = t => ids.Contains(t.Id) ? reason : null }) is not null)
        {
            // The file changed since it was read: name the tasks without positions.
            foreach (var id in ids)
            {
                await stderr.WriteLineAsync($"{options.JobFile.FullName}: task '{id}': {reason}");
            }
        }
    }

    private async Task<JobDefinition?> ParseAsync(JobChecks checks)
    {
        try
        {
            return JobFileParser.ParseFile(options.JobFile.FullName, options.Lookup, checks);
        }
        catch (JobFileException e)
        {
            await stderr.WriteLineAsync(e.Message);
        }
        catch (IOException e)
        {
            await stderr.WriteLineAsync($"akc run: cannot read job file {options.JobFile.FullName}: {e.Message}");
        }

        return null;
    }

    private async Task<NodeSettings?> SettingsAsync(IReadOnlyDictionary<string, string> overrides)
    {
        try
        {
            return NodeSettingsLoader.Load(options.ConfigFile?.FullName, Environment.GetEnvironmentVariable, overrides);
        }
        catch (SettingsException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return null;
        }
    }
}
