using AkkaCompute.Client;
using AkkaCompute.Compute.Tasks;
using Xunit.Abstractions;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// Jobs on a cluster of real <c>akc node</c> processes (loopback, hocon/lan.conf), submitted from outside through
/// ClusterClient: tasks run on several members, and the tasks of a member killed with SIGKILL run on the others.
/// Shell tasks print <c>$PPID</c>, the pid of the node that ran them.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class ClusterJobTests(ITestOutputHelper output)
{
    private static List<TaskSpec> PpidTasks(int count, string prefix, double sleepSeconds = 0) =>
        Enumerable.Range(0, count).Select(i => new TaskSpec
        {
            Id = $"{prefix}{i:D3}",
            Kind = TaskKind.Shell,
            Command = sleepSeconds > 0 ? $"sleep {sleepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}; echo $PPID" : "echo $PPID",
        }).ToList();

    private static async Task<Dictionary<string, TaskResult>> ResultsAsync(ComputeClient client, IEnumerable<TaskSpec> tasks)
    {
        var results = await Task.WhenAll(tasks.Select(t => client.WaitForResultAsync(t.Id).WaitAsync(NodeCluster.Deadline)));
        return results.ToDictionary(r => r.TaskId);
    }

    private static int Ppid(TaskResult r) => int.Parse(r.Output!.Value.GetProperty("stdout").GetString()!.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_job_submitted_to_one_member_runs_on_several_and_every_result_comes_back()
    {
        using var h = new CliHarness();
        await using var cluster = await NodeCluster.StartAsync(3, h.Root);
        await NodeCluster.AwaitMembersAsync(cluster.Nodes, cluster.Nodes);
        await using var client = await ComputeClient.ConnectAsync([cluster.Nodes[0].Address.ToString()]);
        await NodeCluster.AwaitPeerViewAsync(client, 3);

        var tasks = PpidTasks(30, "t");
        var outcome = await client.SubmitAsync(tasks, "spread");
        Assert.Equal(30, outcome.Accepted.Count);
        var results = await ResultsAsync(client, tasks);

        Assert.All(results.Values, r => Assert.Equal(TaskState.Succeeded, r.State));
        var ranOn = results.Values.Select(Ppid).ToHashSet();
        output.WriteLine($"ran on pids {string.Join(", ", ranOn)} of nodes {string.Join(", ", cluster.Nodes.Select(n => n.Pid))}");
        Assert.Subset(cluster.Nodes.Select(n => n.Pid).ToHashSet(), ranOn);
        Assert.True(ranOn.Count >= 2, "every task ran on the node that accepted the job");

        // The same cluster through akc: status, clock and cancel with --contact.
        var contact = cluster.Nodes[0].Address.ToString();
        // ClusterClient may connect a new client to any member it learns of: status counts are that member's, and the
        // clock is the replicated one (the home's entry reaches every member within a gossip round or two).
        var (statusCode, status, statusErr) = await h.RunAsync("status", "--contact", contact, "--json");
        Assert.True(statusCode == 0, statusErr);
        using (var doc = System.Text.Json.JsonDocument.Parse(status))
        {
            Assert.Equal(3, doc.RootElement.GetProperty("members").GetArrayLength());
        }

        var clockDeadline = DateTime.UtcNow + NodeCluster.Deadline;
        while (true)
        {
            var (clockCode, clock, clockErr) = await h.RunAsync("clock", "--contact", contact, "--json");
            Assert.True(clockCode == 0, clockErr);
            using var doc = System.Text.Json.JsonDocument.Parse(clock);
            var entries = doc.RootElement.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("node").GetString()!, e => e.GetProperty("counter").GetInt64());
            var canonical = "[" + string.Join(", ", entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"[\"{e.Key}\", {e.Value}]")) + "]";
            Assert.Equal(Compute.Distributed.TaskHash.HexSha256(canonical), doc.RootElement.GetProperty("head").GetString());
            if (entries.Values.Contains(31)) // the home (the member the client reached): one acceptance and 30 completions
            {
                break;
            }

            Assert.True(DateTime.UtcNow < clockDeadline, $"no member's clock entry is 31: {canonical}");
            await Task.Delay(100);
        }

        // akc history --contact asks every member (each task's home recorded it): the list and one task's events.
        var (historyCode, history, historyErr) = await h.RunAsync("history", "--contact", contact, "--json", "--limit", "100");
        Assert.True(historyCode == 0, historyErr);
        using (var doc = System.Text.Json.JsonDocument.Parse(history))
        {
            var ids = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToHashSet();
            Assert.Equal(tasks.Select(t => t.Id).ToHashSet(), ids!);
        }

        var (oneCode, one, oneErr) = await h.RunAsync("history", "t007", "--contact", contact);
        Assert.True(oneCode == 0, oneErr);
        Assert.Contains("t007", one);
        Assert.Contains("Succeeded", one, StringComparison.OrdinalIgnoreCase);
        var (missingCode, _, missingErr) = await h.RunAsync("history", "nope", "--contact", contact);
        Assert.Equal(1, missingCode);
        Assert.Contains("no task 'nope' in the cluster", missingErr);
        var (comboCode, _, comboErr) = await h.RunAsync("history", "--stats", "--contact", contact);
        Assert.Equal(2, comboCode);
        Assert.Contains("--contact asks the cluster", comboErr);

        var (cancelCode, cancelOut, _) = await h.RunAsync("cancel", "t000", "nope", "--contact", contact);
        Assert.Equal(1, cancelCode);
        Assert.Contains("t000: not cancelled: task 't000' already succeeded", cancelOut);
        Assert.Contains("nope: not cancelled: unknown task 'nope'", cancelOut);

        // akc run --contact: the same summary, results file and exit codes as a local run.
        var jobFile = h.Write("remote.conf", "tasks = [\n" + string.Join("\n", Enumerable.Range(0, 12).Select(i => $"  {{ id = \"r{i}\", shell = \"echo $PPID\" }}"))
            + "\n  { id = \"bad\", shell = \"exit 3\" }\n]\n");
        var resultsFile = Path.Combine(h.Root, "remote.results.jsonl");
        var (runCode, runOut, runErr) = await h.RunAsync("run", jobFile, "--contact", contact, "--output", resultsFile, "--no-progress");
        Assert.True(runCode == 1, $"exit {runCode}: {runOut}{runErr}"); // one task failed
        var lines = CliHarness.ReadJsonLines(resultsFile);
        Assert.Equal(13, lines.Count);
        Assert.Equal("Failed", lines.Single(l => l.GetProperty("id").GetString() == "bad").GetProperty("state").GetString());
        var remotePids = lines.Where(l => l.GetProperty("id").GetString() != "bad")
            .Select(l => l.GetProperty("output").GetProperty("stdout").GetString()!.Trim()).ToHashSet();
        Assert.True(remotePids.Count >= 2, "akc run --contact ran every task on one member");
        Assert.Contains("succeeded", runOut);

        // Live states for akc run --contact: the home reports a running task as Running with its progress, then its result.
        var gate = Path.Combine(h.Root, "gate");
        var blocked = new TaskSpec { Id = "blocked", Kind = TaskKind.Shell, Command = $"echo '::progress 0.5'; while [ ! -f '{gate}' ]; do sleep 0.05; done; echo done" };
        await client.SubmitAsync([blocked], "live");
        var runningDeadline = DateTime.UtcNow + NodeCluster.Deadline;
        while (true)
        {
            var (finished, unfinished) = await client.GetProgressAsync(["blocked", "nope"]);
            Assert.Empty(finished);
            if (unfinished.SingleOrDefault() is { State: TaskState.Running, Progress: not null } running)
            {
                Assert.Equal(("blocked", 1, 0.5), (running.TaskId, running.Attempt, running.Progress));
                break;
            }

            Assert.True(DateTime.UtcNow < runningDeadline, "the blocked task never showed as Running: " + string.Join(", ", unfinished));
            await Task.Delay(50);
        }

        await File.WriteAllTextAsync(gate, "go");
        Assert.Equal(TaskState.Succeeded, (await client.WaitForResultAsync("blocked").WaitAsync(NodeCluster.Deadline)).State);
        var (after, stillRunning) = await client.GetProgressAsync(["blocked"]);
        Assert.Single(after);
        Assert.Empty(stillRunning);
    }

    [Fact]
    public async Task The_tasks_of_a_member_killed_with_sigkill_run_on_the_others_and_every_result_comes_back()
    {
        using var h = new CliHarness();
        await using var cluster = await NodeCluster.StartAsync(3, h.Root);
        await NodeCluster.AwaitMembersAsync(cluster.Nodes, cluster.Nodes);
        await using var client = await ComputeClient.ConnectAsync([cluster.Nodes[0].Address.ToString()]);
        await NodeCluster.AwaitPeerViewAsync(client, 3);

        var tasks = PpidTasks(60, "k", sleepSeconds: 0.5);
        await client.SubmitAsync(tasks, "kill");
        await client.WaitForResultAsync(tasks[0].Id).WaitAsync(NodeCluster.Deadline); // under way on every member

        // The victim is not the home: ClusterClient may connect to any member it learns of, not only the contact given, and a
        // killed home is taken over (HomeFailoverTests), not handed off. The home is the only member whose clock entry ticked.
        var clock = await client.ClockAsync();
        var victim = cluster.Nodes.Last(n => clock[n.Address.ToString()] == 0);
        victim.KillHard();

        var results = await ResultsAsync(client, tasks);
        Assert.All(results.Values, r => Assert.Equal(TaskState.Succeeded, r.State));
        var byNode = results.Values.GroupBy(Ppid).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"results by node pid: {string.Join(", ", byNode.Select(kv => $"{kv.Key}: {kv.Value}"))}; killed {victim.Pid}");
        Assert.True(byNode.GetValueOrDefault(victim.Pid) < 20, "the killed node's share (about 20 of 60) ran elsewhere");
        Assert.Equal(60, byNode.Values.Sum());
        var stats = await client.ClusterStatsAsync();
        Assert.True(stats.HandedOff > 0, "the home handed none of the killed member's tasks off");
        Assert.Equal(2, stats.Members);
    }

    [Fact]
    public async Task A_client_whose_contact_member_dies_fails_over_to_another_contact()
    {
        using var h = new CliHarness();
        await using var cluster = await NodeCluster.StartAsync(3, h.Root);
        await NodeCluster.AwaitMembersAsync(cluster.Nodes, cluster.Nodes);
        var contacts = cluster.Nodes.Select(n => n.Address.ToString()).ToArray();
        await using var client = await ComputeClient.ConnectAsync(contacts);
        await NodeCluster.AwaitPeerViewAsync(client, 3);
        var first = PpidTasks(5, "before");
        await client.SubmitAsync(first, "failover");
        await ResultsAsync(client, first);

        // The member the client reached is the home of the first batch: the only one that ticked the merkle clock.
        var clock = await client.ClockAsync();
        var home = cluster.Nodes.Single(n => clock[n.Address.ToString()] > 0);
        home.KillHard();

        // ClusterClient notices the lost receptionist and reaches another contact; the next batch is acknowledged there.
        var second = PpidTasks(5, "after");
        var outcome = await client.SubmitAsync(second, "failover");
        Assert.Equal(5, outcome.Accepted.Count);
        var results = await ResultsAsync(client, second);
        Assert.All(results.Values, r => Assert.Equal(TaskState.Succeeded, r.State));
        Assert.DoesNotContain(home.Pid, results.Values.Select(Ppid));
    }
}
