using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// The ops commands against real <c>akc node</c> processes: reads (show, leader, unreachable, actor hierarchy, node stats, log peek,
/// help) in text and JSON, the token on writes, <c>/healthz/ready</c>, <c>/metrics</c> after a job, <c>cluster tail</c> and
/// <c>cluster down-unreachable</c> after a kill -9.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class OpsCommandTests
{
    private static async Task AwaitAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < NodeCluster.Deadline, $"not within {NodeCluster.Deadline}: {what}");
            await Task.Delay(100);
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(Uri endpoint, string path)
    {
        using var http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reads_print_text_and_json_and_the_log_is_bounded_and_metrics_count_a_job()
    {
        using var h = new CliHarness();
        var port = LoopbackPorts.Take(1)[0];
        await using var node = await AkcNodeProcess.StartAsync(
            "127.0.0.1", port, [$"akka.tcp://akc@127.0.0.1:{port}"], h.Root, netns: null, managementPort: 0, extraArgs: ["--set", "management.log-lines=5"]);
        await NodeCluster.AwaitMembersAsync([node], [node]);
        var e = node.Management.ToString();
        var self = node.Address.ToString();

        var (showCode, show, showErr) = await h.RunAsync("cluster", "show", "-e", e);
        Assert.True(showCode == 0, showErr);
        Assert.Matches($@"{Regex.Escape(self)}\s*│\s*-\s*│\s*Up\s*│\s*yes\s*│\s*leader\s*│\s*\d+\.\d+\.\d+", show);
        Assert.Contains("1 members (1 up, 0 unreachable)", show);

        Assert.Equal((0, self), await Trimmed(h.RunAsync("cluster", "leader", "-e", e)));
        Assert.Equal((0, $"{{\"leader\":\"{self}\"}}"), await Trimmed(h.RunAsync("cluster", "leader", "-e", e, "--json")));
        Assert.Equal((0, "0 unreachable"), await Trimmed(h.RunAsync("cluster", "unreachable", "-e", e)));
        Assert.Equal((0, "[]"), await Trimmed(h.RunAsync("cluster", "unreachable", "-e", e, "--json")));

        var (actorsCode, actors, actorsErr) = await h.RunAsync("actor", "hierarchy", "--path", "/user/peer", "--depth", "1", "-e", e);
        Assert.True(actorsCode == 0, actorsErr);
        Assert.StartsWith("/user/peer [PeerActor]", actors);
        Assert.Contains("  scheduler [SchedulerActor]", actors);
        var (_, actorsJson, _) = await h.RunAsync("actor", "hierarchy", "--depth", "2", "-e", e, "--json");
        using (var doc = JsonDocument.Parse(actorsJson))
        {
            Assert.Equal("/user", doc.RootElement.GetProperty("root").GetProperty("path").GetString());
            Assert.Contains(doc.RootElement.GetProperty("root").GetProperty("children").EnumerateArray(), c => c.GetProperty("path").GetString() == "/user/peer");
        }

        var (badCode, _, badErr) = await h.RunAsync("actor", "hierarchy", "--depth", "99", "-e", e);
        Assert.Equal(2, badCode);
        Assert.Contains("depth: must be a whole number from 1 to 20, got '99'", badErr);
        var (noActorCode, _, noActorErr) = await h.RunAsync("actor", "hierarchy", "--path", "/user/nope", "-e", e);
        Assert.Equal(2, noActorCode);
        Assert.Contains("no actor at '/user/nope'", noActorErr);

        // The log ring keeps 5 lines: more is refused, the default shows what is kept, and the node has logged more than that.
        var (tooManyCode, _, tooManyErr) = await h.RunAsync("log", "peek", "-n", "6", "-e", e);
        Assert.Equal(2, tooManyCode);
        Assert.Contains("n: must be a whole number from 1 to 5 (akc.management.log-lines), got '6'", tooManyErr);
        var (logCode, log, logErr) = await h.RunAsync("log", "peek", "-e", e);
        Assert.True(logCode == 0, logErr);
        Assert.Equal(5, log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var (_, logJson, _) = await h.RunAsync("log", "peek", "-n", "2", "-e", e, "--json");
        using (var doc = JsonDocument.Parse(logJson))
        {
            Assert.Equal(2, doc.RootElement.GetProperty("lines").GetArrayLength());
            Assert.Equal(5, doc.RootElement.GetProperty("capacity").GetInt32());
            Assert.True(doc.RootElement.GetProperty("dropped").GetInt64() > 0);
        }

        var (helpCode, help, helpErr) = await h.RunAsync("help", "-e", e);
        Assert.True(helpCode == 0, helpErr);
        Assert.Contains("akc cluster down-unreachable", help);
        Assert.Contains("token configured", help);
        Assert.Contains("  node ", help);

        // A job through the node: the task counters and the duration histogram appear on /metrics, and node stats counts it.
        var job = h.Write("ops.conf", "tasks = [\n  { id = \"m1\", function = \"echo\", args { value = 1 } }\n  { id = \"m2\", function = \"echo\", args { value = 2 } }\n  { id = \"m3\", function = \"echo\", args { value = 3 } }\n]\n");
        var (runCode, runOut, runErr) = await h.RunAsync("run", job, "--contact", self, "--no-progress");
        Assert.True(runCode == 0, runOut + runErr);
        string metrics = "";
        await AwaitAsync(async () =>
        {
            metrics = (await GetAsync(node.Management, "metrics")).Body;
            return Counter(metrics, "akkacompute_tasks_succeeded_total") >= 3;
        }, "akkacompute_tasks_succeeded_total >= 3 on /metrics");
        Assert.True(Counter(metrics, "akkacompute_tasks_accepted_total") >= 3, metrics);
        Assert.Contains("akkacompute_task_duration_milliseconds_bucket", metrics);
        Assert.Contains("akkacompute_queue_depth", metrics);

        var (statsCode, stats, statsErr) = await h.RunAsync("node", "stats", "-e", e);
        Assert.True(statsCode == 0, statsErr);
        Assert.Contains("executors: ", stats);
        Assert.Contains("succeeded", stats);
        Assert.Contains("limits: rlimit", stats); // how shell tasks' limits are enforced here
        var (_, statsJson, _) = await h.RunAsync("node", "stats", "-e", e, "--json");
        using (var doc = JsonDocument.Parse(statsJson))
        {
            Assert.True(doc.RootElement.GetProperty("succeeded").GetInt32() >= 3);
            Assert.True(doc.RootElement.GetProperty("executors").GetInt32() >= 1);
            Assert.Equal(self, doc.RootElement.GetProperty("node").GetString());
            Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("queuedByPriority").ValueKind); // the scheduler answered
            Assert.True(doc.RootElement.GetProperty("journalWriteLatencyMs").GetDouble() >= 0); // the job was journaled
            Assert.Contains("cgroup v2: ", doc.RootElement.GetProperty("limits").GetString());
        }

        Assert.Contains("akkacompute_journal_write_latency", (await GetAsync(node.Management, "metrics")).Body);
    }

    [Fact]
    public async Task Writes_need_the_token_and_ready_turns_200_once_the_node_joined()
    {
        using var h = new CliHarness();
        var ports = LoopbackPorts.Take(3);
        var nowhere = $"akka.tcp://akc@127.0.0.1:{ports[2]}"; // nothing listens there: the nodes stay outside a cluster
        var started = await Task.WhenAll(
            AkcNodeProcess.StartAsync("127.0.0.1", ports[0], [nowhere], h.Root, netns: null, managementPort: 0),
            AkcNodeProcess.StartAsync("127.0.0.1", ports[1], [nowhere], h.Root, netns: null, managementPort: 0, extraArgs: ["--set", "management.token-env="]));
        await using var node = started[0];
        await using var noToken = started[1];
        var e = node.Management.ToString();
        var self = node.Address.ToString();

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(node.Management, "healthz/live")).Status);
        var (readyStatus, readyBody) = await GetAsync(node.Management, "healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Contains("member: this node is Removed", readyBody);

        var (refusedCode, _, refusedErr) = await h.RunAsync("cluster", "join", noToken.Address.ToString(), "-e", noToken.Management.ToString(), "--token-file", h.TokenFile);
        Assert.Equal(2, refusedCode);
        Assert.Contains("this node has no management token", refusedErr);
        Assert.Contains("akc.management.token-file", refusedErr);

        var (missingCode, _, missingErr) = await h.RunAsync("cluster", "join", self, "-e", e);
        Assert.Equal(2, missingCode);
        Assert.Contains("needs the node's token", missingErr);

        var (wrongCode, _, wrongErr) = await h.RunAsync("cluster", "join", self, "-e", e, "--token-file", h.Write("wrong", "not-the-token"));
        Assert.Equal(2, wrongCode);
        Assert.Contains("the token is not this node's token", wrongErr);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(node.Management, "healthz/ready")).Status);

        var (joinCode, joinOut, joinErr) = await h.RunAsync("cluster", "join", self, "-e", e, "--token-file", h.TokenFile, "--json");
        Assert.True(joinCode == 0, joinErr);
        using (var doc = JsonDocument.Parse(joinOut))
        {
            Assert.Equal(self, doc.RootElement.GetProperty("address").GetString());
        }

        await AwaitAsync(async () => (await GetAsync(node.Management, "healthz/ready")).Status == HttpStatusCode.OK, "/healthz/ready 200 after the join");
        Assert.Contains("\"status\":\"ready\"", (await GetAsync(node.Management, "healthz/ready")).Body);
    }

    [Fact]
    public async Task Tail_shows_members_joining_leaving_and_unreachable_and_down_unreachable_removes_a_killed_member()
    {
        using var h = new CliHarness();
        var ports = LoopbackPorts.Take(3);
        var seed = $"akka.tcp://akc@127.0.0.1:{ports[0]}";
        string[] patient = ["--set", "akka.cluster.split-brain-resolver.stable-after=120s"]; // the resolver waits: the operator downs
        await using var first = await AkcNodeProcess.StartAsync("127.0.0.1", ports[0], [seed], h.Root, null, 0, patient);
        await using var second = await AkcNodeProcess.StartAsync("127.0.0.1", ports[1], [seed], h.Root, null, 0, patient);
        await NodeCluster.AwaitMembersAsync([first, second], [first, second]);
        var e = first.Management.ToString();

        using var tail = AkcCliProcess.Start(h.Root, "cluster", "tail", "-e", e);
        await tail.AwaitLineAsync(l => l.EndsWith($" member Up {second.Address}", StringComparison.Ordinal), NodeCluster.Deadline, "member Up (current state)");

        await using var third = await AkcNodeProcess.StartAsync("127.0.0.1", ports[2], [seed], h.Root, null, 0, patient);
        await tail.AwaitLineAsync(l => l.EndsWith($" member Up {third.Address}", StringComparison.Ordinal), NodeCluster.Deadline, "the third member Up");
        var (leaveCode, leaveOut, leaveErr) = await h.RunAsync("cluster", "leave", third.Address.ToString(), "-e", e, "--token-file", h.TokenFile);
        Assert.True(leaveCode == 0, leaveErr);
        Assert.Contains("asked to leave", leaveOut);
        await tail.AwaitLineAsync(l => l.EndsWith($" member Removed {third.Address} (was Exiting)", StringComparison.Ordinal), NodeCluster.Deadline, "the third member Removed");

        second.KillHard();
        await tail.AwaitLineAsync(l => l.EndsWith($" unreachable {second.Address}", StringComparison.Ordinal), NodeCluster.Deadline, "the killed member unreachable");
        var (unreachableCode, unreachable, _) = await h.RunAsync("cluster", "unreachable", "-e", e);
        Assert.Equal(0, unreachableCode);
        Assert.Contains(second.Address.ToString(), unreachable);
        Assert.Contains("1 unreachable", unreachable);

        var (refusedCode, _, refusedErr) = await h.RunAsync("cluster", "down-unreachable", "-e", e);
        Assert.Equal(2, refusedCode);
        Assert.Contains("needs the node's token", refusedErr);
        var (downCode, downOut, downErr) = await h.RunAsync("cluster", "down-unreachable", "-e", e, "--token-file", h.TokenFile, "--json");
        Assert.True(downCode == 0, downErr);
        using (var doc = JsonDocument.Parse(downOut))
        {
            Assert.Equal([second.Address.ToString()], doc.RootElement.GetProperty("downed").EnumerateArray().Select(x => x.GetString()));
        }

        await tail.AwaitLineAsync(l => l.EndsWith($" member Removed {second.Address} (was Down)", StringComparison.Ordinal), NodeCluster.Deadline, "the killed member Removed");
        await NodeCluster.AwaitMembersAsync([first], [first]);
        Assert.Equal(130, await tail.InterruptAsync(TimeSpan.FromSeconds(30))); // Ctrl+C ends the feed
    }

    private static async Task<(int, string)> Trimmed(Task<(int Code, string Out, string Err)> run)
    {
        var (code, output, err) = await run;
        return (code, code == 0 ? output.Trim() : err.Trim());
    }

    /// <summary>The value of a Prometheus counter (any labels), or -1 when absent.</summary>
    private static double Counter(string metrics, string name)
    {
        var m = Regex.Match(metrics, $@"^{name}(\{{[^}}]*\}})? (\S+)", RegexOptions.Multiline);
        return m.Success ? double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : -1;
    }
}
