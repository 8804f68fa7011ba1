using System.Text.Json;
using AkkaCompute.Cli.Commands;
using AkkaCompute.Client;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Cli.Running;

/// <summary>
/// <c>akc submit</c>: loads and checks the job file as <c>akc run</c> does, connects to the cluster through the contact
/// points (<see cref="ComputeClient"/>), submits the tasks as job <c>NAME</c> (the file name without extension), prints
/// the job id and the counts, and with <c>--wait</c> follows the tasks to their end. Exit 0 when accepted (and, with
/// <c>--wait</c>, all succeeded); 1 when a task failed or the cluster did not answer; 2 for a bad job file or contact.
/// </summary>
internal sealed class JobSubmitter(TextWriter stdout, TextWriter stderr, RunOptions options, IReadOnlyList<string> contacts, bool wait)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (await new JobLoader(stderr, options).LoadAsync(allowRecurring: !wait) is not { } loaded)
        {
            return AkcApp.ExitBadInput;
        }

        var job = loaded.Job;
        ComputeClient client;
        try
        {
            // Without --wait nothing waits for the results: the home need not push them here.
            client = await ComputeClient.ConnectAsync(contacts, new ComputeClientOptions { PushResults = wait }, cancellationToken);
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync("akc submit: " + e.Message);
            return AkcApp.ExitBadInput;
        }
        catch (ClusterUnreachableException e)
        {
            await stderr.WriteLineAsync("akc submit: " + e.Message);
            return AkcApp.ExitFailed;
        }

        await using (client)
        {
            SubmitOutcome outcome;
            try
            {
                outcome = await client.SubmitAsync(job.Tasks, job.Name, cancellationToken);
            }
            catch (SubmissionException e)
            {
                await stderr.WriteLineAsync("akc submit: " + e.Message);
                return e.Refused ? AkcApp.ExitBadInput : AkcApp.ExitFailed;
            }

            if (!options.Json)
            {
                await stdout.WriteLineAsync($"job {outcome.JobId}: {outcome.Accepted.Count} tasks accepted, {outcome.AlreadyKnown.Count} already known (not run again)");
            }

            if (!wait)
            {
                if (options.Json)
                {
                    await stdout.WriteLineAsync(JsonSerializer.Serialize(new { job = outcome.JobId, accepted = outcome.Accepted.Count, alreadyKnown = outcome.AlreadyKnown.Count }));
                }

                return AkcApp.ExitOk;
            }

            var results = await WaitAsync(client, job.Tasks, cancellationToken);
            var failed = results.Count(r => r.State != TaskState.Succeeded);
            if (options.Json)
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    job = outcome.JobId,
                    succeeded = results.Count - failed,
                    failed,
                    failures = results.Where(r => r.State != TaskState.Succeeded).Select(r => new { id = r.TaskId, state = r.State.ToString(), error = r.Error }),
                }));
            }
            else
            {
                await stdout.WriteLineAsync($"job {outcome.JobId}: {results.Count - failed} succeeded, {failed} did not");
                foreach (var r in results.Where(r => r.State != TaskState.Succeeded).Take(20))
                {
                    await stdout.WriteLineAsync($"  {r.TaskId}: {r.State.ToString().ToLowerInvariant()}: {r.Error}");
                }
            }

            return failed == 0 ? AkcApp.ExitOk : AkcApp.ExitFailed;
        }
    }

    /// <summary>Asks the home for the results of the unfinished tasks (in batches) every 200 ms; a progress line every 2 s.</summary>
    private async Task<List<TaskResult>> WaitAsync(ComputeClient client, IReadOnlyList<TaskSpec> tasks, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, TaskResult>(StringComparer.Ordinal);
        var waiting = tasks.Select(t => t.Id).ToList();
        var lastProgress = System.Diagnostics.Stopwatch.StartNew();
        while (waiting.Count > 0)
        {
            foreach (var result in await client.GetResultsAsync(waiting, cancellationToken))
            {
                results[result.TaskId] = result;
            }

            waiting.RemoveAll(results.ContainsKey);
            if (waiting.Count > 0)
            {
                if (lastProgress.Elapsed >= ProgressInterval)
                {
                    await stderr.WriteLineAsync($"akc submit: {results.Count}/{tasks.Count} tasks finished");
                    lastProgress.Restart();
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        }

        return [.. results.Values.OrderBy(r => r.TaskId, StringComparer.Ordinal)];
    }
}
