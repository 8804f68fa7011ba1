using System.Threading.Channels;
using AkkaCompute.Cli.Commands;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Compute.Workflows;
using AkkaCompute.Hosting.Jobs;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;
using Spectre.Console;

namespace AkkaCompute.Cli.Running;

/// <summary>
/// Runs a job end to end: load settings and functions, parse and check the job file, check that the
/// results file can be written, start the node (resuming from its store), refuse the job if a task id
/// is recorded there with another definition, submit the tasks in dependency order, follow their events with a progress view, write
/// every result to a JSONL file, print a summary, and return the exit code (0 only if every task
/// succeeded). Interrupted (Ctrl+C), it says how many tasks will resume, writes the results gathered so far (unfinished
/// tasks with their last known state) and returns <see cref="AkcApp.ExitInterrupted"/>; when the node stops for good
/// (its history journal keeps failing: <see cref="NodeStoppedException"/>) it does the same with the reason and returns
/// <see cref="AkcApp.ExitFailed"/>.
/// </summary>
internal sealed class JobRunner(TextWriter stdout, TextWriter stderr, RunOptions options)
{
    /// <summary>Tasks per submitted batch.</summary>
    public const int BatchSize = 10_000;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var loader = new JobLoader(stderr, options);
        if (await loader.LoadAsync() is not { } loaded)
        {
            return AkcApp.ExitBadInput;
        }

        var (job, settings, functions) = loaded;
        var resultsPath = ResultsPath(job, settings);
        if (options.Contacts is { Count: > 0 } contacts)
        {
            return await RunOnClusterAsync(job, contacts, resultsPath, cancellationToken);
        }

        ComputeNode node;
        try
        {
            node = await ComputeNode.StartAsync(settings, functions: functions, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await stderr.WriteLineAsync($"akc run: the node could not start: {e.Message}");
            return AkcApp.ExitFailed;
        }

        await using (node)
        {
            // After the start, so that an unusable data directory is reported as such; before any task of the job is submitted.
            if (ResultsWriter.CheckWritable(resultsPath) is { } unwritable)
            {
                await stderr.WriteLineAsync($"akc run: cannot write results to {resultsPath}: {unwritable}");
                return AkcApp.ExitBadInput;
            }

            var conflicts = new List<string>();
            foreach (var chunk in job.Tasks.Chunk(BatchSize))
            {
                conflicts.AddRange((await node.CheckAsync(chunk, cancellationToken)).Conflicts.Select(c => c.TaskId));
            }

            if (conflicts.Count > 0)
            {
                await loader.ReportConflictsAsync(conflicts, Path.GetFullPath(settings.Storage.DatabasePath));
                return AkcApp.ExitBadInput;
            }

            await WarnAboutOthersAsync(node, job, cancellationToken);
            return await RunJobAsync(new LocalJobTarget(node), job, resultsPath, cancellationToken);
        }
    }

    /// <summary>Runs the job on a running cluster: the contact member is the tasks' home.</summary>
    private async Task<int> RunOnClusterAsync(JobDefinition job, IReadOnlyList<string> contacts, string resultsPath, CancellationToken cancellationToken)
    {
        if (ResultsWriter.CheckWritable(resultsPath) is { } unwritable)
        {
            await stderr.WriteLineAsync($"akc run: cannot write results to {resultsPath}: {unwritable}");
            return AkcApp.ExitBadInput;
        }

        return await ContactClient.RunAsync("akc run", contacts, stderr, async client =>
        {
            await using var target = new RemoteJobTarget(client);
            return await RunJobAsync(target, job, resultsPath, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Says which unfinished tasks of an earlier run on this store the job no longer names: accepted work is never dropped,
    /// so they resume and run beside the job (the run does not wait for them), and the user should know.
    /// </summary>
    private async Task WarnAboutOthersAsync(ComputeNode node, JobDefinition job, CancellationToken cancellationToken)
    {
        var named = job.Tasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var others = new List<string>();
        foreach (var state in new[] { TaskState.Accepted, TaskState.Queued, TaskState.Running, TaskState.Retrying })
        {
            var tasks = await node.QueryHistoryAsync(new HistoryQuery(State: state, Limit: 100_000), cancellationToken);
            others.AddRange(tasks.Select(t => t.Spec.Id).Where(id => !named.Contains(id)));
        }

        if (others.Count > 0)
        {
            others.Sort(StringComparer.Ordinal);
            var shown = string.Join(", ", others.Take(5)) + (others.Count > 5 ? $", ... ({others.Count - 5} more)" : string.Empty);
            await stderr.WriteLineAsync(
                $"akc run: {others.Count} unfinished task(s) of an earlier run on this data directory are not in this job: {shown}; "
                + "accepted tasks are never dropped, so they resume beside the job (this run does not wait for them; akc status lists them; use another --data-dir to leave them out)");
        }
    }

    private async Task<int> RunJobAsync(IJobTarget target, JobDefinition job, string resultsPath, CancellationToken cancellationToken)
    {
        var tracker = new JobTracker(job.Tasks.Select(t => t.Id));
        try
        {
            if (await SubmitAndFollowAsync(target, job, tracker, cancellationToken) is { } refused)
            {
                return refused;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await EndedEarlyAsync(job, tracker, resultsPath, "interrupted", AkcApp.ExitInterrupted);
        }
        catch (ChannelClosedException e) when (e.InnerException is NodeStoppedException or IOException)
        {
            return await EndedEarlyAsync(job, tracker, resultsPath, e.InnerException.Message, AkcApp.ExitFailed);
        }

        try
        {
            await ResultsWriter.WriteAsync(resultsPath, job.Tasks, tracker.Results, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"akc run: cannot write results to {resultsPath}: {e.Message} (the results are in the history: akc history)");
            return AkcApp.ExitFailed;
        }

        var summary = tracker.Snapshot();
        await new SummaryPrinter(stdout, options.Json).PrintAsync(job.Name, summary, tracker.Results, resultsPath);
        return summary.Succeeded == summary.Total ? AkcApp.ExitOk : AkcApp.ExitFailed;
    }

    // Submits the job and follows it until every task finished; an exit code when the node refused it.
    private async Task<int?> SubmitAndFollowAsync(IJobTarget target, JobDefinition job, JobTracker tracker, CancellationToken cancellationToken)
    {
        var events = target.Events;
        var ordered = TaskGraph.TopologicalOrder(job.Tasks);
        foreach (var chunk in ordered.Chunk(BatchSize))
        {
            var reply = await target.SubmitAsync(chunk, job.Name, cancellationToken);
            if (reply is BatchRefused refused)
            {
                await stderr.WriteLineAsync($"akc run: the node refused the job: {refused.Reason}");
                return AkcApp.ExitBadInput;
            }

            if (reply is BatchAccepted accepted)
            {
                foreach (var id in accepted.AlreadyKnown)
                {
                    if (await target.GetResultAsync(id, cancellationToken) is { } known)
                    {
                        tracker.ApplyEarlier(known);
                    }
                }
            }
        }

        var view = ChooseView(job.Name);
        await view.RunAsync(async update =>
        {
            update(tracker.Snapshot());
            Task<TaskEvent>? read = null;
            while (!tracker.AllFinished)
            {
                read ??= events.ReadAsync(cancellationToken).AsTask();
                if (await Task.WhenAny(read, Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken)) == read)
                {
                    tracker.Apply(await read);
                    read = null;
                    while (events.TryRead(out var more))
                    {
                        tracker.Apply(more);
                    }
                }

                update(tracker.Snapshot());
            }
        });
        return null;
    }

    // Ctrl+C (or SIGTERM), or the node stopped: says what resumes, first (the process may be ended soon after), then
    // writes what finished so far.
    private async Task<int> EndedEarlyAsync(JobDefinition job, JobTracker tracker, string resultsPath, string why, int exitCode)
    {
        var unfinished = tracker.Total - tracker.Results.Count;
        await stderr.WriteLineAsync(options.Contacts is { Count: > 0 }
            ? $"akc run: {why}: {unfinished} unfinished task{(unfinished == 1 ? string.Empty : "s")} go on running on the cluster (akc status --contact {options.Contacts[0]}; akc run again to follow them: known tasks are not run twice)"
            : $"akc run: {why}: {unfinished} unfinished task{(unfinished == 1 ? string.Empty : "s")} resume on the next run (akc run {options.JobFile} with the same --data-dir)");
        try
        {
            await ResultsWriter.WriteAsync(resultsPath, job.Tasks, tracker.Results, CancellationToken.None, tracker.States);
            await stderr.WriteLineAsync($"akc run: results so far ({tracker.Results.Count} of {tracker.Total} finished): {resultsPath}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"akc run: cannot write results to {resultsPath}: {e.Message} (the results are in the history: akc history)");
        }

        return exitCode;
    }

    private IProgressView ChooseView(string jobName)
    {
        if (options.Json)
        {
            return new SilentProgressView();
        }

        if (options.Progress && !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out))
        {
            return new BarProgressView(AnsiConsole.Console, jobName);
        }

        return new LineProgressView(stderr, TimeSpan.FromSeconds(2));
    }

    private string ResultsPath(JobDefinition job, NodeSettings settings)
    {
        if (options.OutputPath is { } given)
        {
            return Path.GetFullPath(given);
        }

        if (job.OutputPath is { } fromJob)
        {
            return Path.GetFullPath(Path.Combine(job.BaseDirectory, fromJob));
        }

        var safe = new string(job.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return Path.GetFullPath(Path.Combine(settings.Storage.DataDirectory, safe + ".results.jsonl"));
    }
}
