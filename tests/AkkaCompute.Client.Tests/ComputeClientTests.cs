using System.Collections.Concurrent;
using System.Text.Json;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Client.Tests;

/// <summary>A client talking to a one-member cluster in this process (over Akka.Remote and ClusterClient).</summary>
public sealed class ComputeClientTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("akc-client-").FullName;
    private ComputeNode _node = null!;

    public async Task InitializeAsync()
    {
        var settings = NodeSettingsLoader.Load(null, _ => null, new Dictionary<string, string>
        {
            ["akka.remote.dot-netty.tcp.port"] = "0",
            ["storage.data-dir"] = _dir,
        });
        _node = await ComputeNode.StartMemberAsync(settings, new ClusterMembership(settings.SystemName, settings.Akka));
        var cluster = Akka.Cluster.Cluster.Get(_node.System);
        await cluster.JoinAsync(cluster.SelfAddress);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string Contact => Akka.Cluster.Cluster.Get(_node.System).SelfAddress.ToString();

    private static TaskSpec Echo(string id, string args) => new() { Id = id, Function = "echo", Args = JsonDocument.Parse(args).RootElement.Clone() };

    [Fact]
    public async Task Submitted_tasks_run_and_their_results_come_back_with_their_arguments()
    {
        await using var client = await ComputeClient.ConnectAsync([Contact]);
        var outcome = await client.SubmitAsync([Echo("a", """{"file":"/etc/hostname"}"""), Echo("b", """[1,2]""")], "job-1");
        Assert.Equal(["a", "b"], outcome.Accepted);

        var a = await client.WaitForResultAsync("a").WaitAsync(TimeSpan.FromSeconds(30));
        var b = await client.WaitForResultAsync("b").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(TaskState.Succeeded, a.State);
        var atHome = (TaskResult)await _node.GetResultAsync("a");
        Assert.Equal("""{"file":"/etc/hostname"}""", atHome.Output!.Value.GetRawText()); // arrived with its arguments
        Assert.Equal("""{"file":"/etc/hostname"}""", a.Output!.Value.GetRawText());
        Assert.Equal("[1,2]", b.Output!.Value.GetRawText());

        var again = await client.SubmitAsync([Echo("a", """{"file":"/etc/hostname"}""")], "job-1");
        Assert.Equal(["a"], again.AlreadyKnown); // resubmitting is safe
    }

    private static TaskSpec Sleep(string id, int ms) => new() { Id = id, Function = "sleep", Args = JsonDocument.Parse($$"""{"ms":{{ms}}}""").RootElement.Clone(), Cache = false };

    [Fact]
    public async Task A_result_is_pushed_the_moment_its_task_finishes_without_waiting_for_a_poll()
    {
        await using var client = await ComputeClient.ConnectAsync([Contact]);
        await client.SubmitAsync([Sleep("pushed", 300)], "job-push");

        // Polls every 10 minutes: only the push can bring the result within the deadline.
        var result = await client.WaitForResultAsync("pushed", TimeSpan.FromMinutes(10)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(TaskState.Succeeded, result.State);
    }

    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new(StringComparer.Ordinal);

    /// <summary>A test function (registered on the node as <c>test.gated</c>): returns once its test opens <paramref name="gate"/>.</summary>
    public static async Task<string> WaitForGate(string gate, CancellationToken cancellationToken)
    {
        await Gates[gate].Task.WaitAsync(cancellationToken);
        return gate;
    }

    private static TaskSpec Gated(string id, string gate) => new() { Id = id, Function = "test.gated", Args = JsonDocument.Parse($$"""{"gate":"{{gate}}"}""").RootElement.Clone(), Cache = false };

    [Fact]
    public async Task A_result_stream_yields_each_result_once_finished_ones_first_then_as_they_finish()
    {
        await using var client = await ComputeClient.ConnectAsync([Contact]);
        await client.SubmitAsync([Echo("done", "{}")], "job-stream");
        await client.WaitForResultAsync("done").WaitAsync(TimeSpan.FromSeconds(30));

        // The others finish only once the stream's first result is in, so none can overtake "done" however loaded the
        // machine (sleeps of 50 ms, then of 400 ms, were a race that CI load could lose).
        var gate = Guid.NewGuid().ToString("N");
        var open = Gates[gate] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _node.Functions.Register(typeof(ComputeClientTests).GetMethod(nameof(WaitForGate))!, "test.gated");
        var gated = Enumerable.Range(0, 20).Select(i => Gated($"g{i:D2}", gate)).ToList();
        await client.SubmitAsync(gated, "job-stream");

        var ids = gated.Select(s => s.Id).Append("done").Append("done").ToList();
        var seen = new List<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var result in client.WatchResultsAsync(ids, TimeSpan.FromMinutes(10), deadline.Token))
        {
            Assert.Equal(TaskState.Succeeded, result.State);
            seen.Add(result.TaskId);
            open.TrySetResult(); // the rest come as they finish
        }

        Assert.Equal("done", seen[0]); // finished before the watch: in the first answer
        Assert.Equal(ids.Distinct().Order(), seen.Order()); // every task once, the duplicate id once
    }

    [Fact]
    public async Task A_refused_batch_says_why_and_an_unknown_task_has_no_state()
    {
        await using var client = await ComputeClient.ConnectAsync([Contact]);
        var e = await Assert.ThrowsAsync<SubmissionException>(() => client.SubmitAsync([Echo(".bad", "{}")], "job-2"));
        Assert.True(e.Refused);
        Assert.Contains("invalid id", e.Message);
        Assert.Equal((null, null), await client.GetResultAsync("nope"));
    }

    [Fact]
    public async Task Requests_of_one_client_share_one_response_tunnel_at_the_contact()
    {
        await using var client = await ComputeClient.ConnectAsync([Contact]);
        var concurrent = Enumerable.Range(0, 10).Select(_ => client.StatusAsync()).ToList();
        await Task.WhenAll(concurrent);
        for (var i = 0; i < 10; i++)
        {
            Assert.Single(await client.MembersAsync());
        }

        Assert.Null(await client.MemoryGetAsync("absent"));

        // A ClusterClient ask has a sender of its own, and the receptionist makes a tunnel actor per sender (compiling its
        // Props each time): every request here came from the client's one reply actor, so one tunnel serves them all.
        var receptionist = (Akka.Actor.ActorRefWithCell)await _node.System.ActorSelection("/system/receptionist").ResolveOne(TimeSpan.FromSeconds(10));
        var tunnel = Assert.Single(receptionist.Children);
        Assert.EndsWith("/user/replies", Uri.UnescapeDataString(tunnel.Path.Name).Split('#')[0]);
    }

    [Fact]
    public async Task A_contact_where_no_node_runs_fails_with_a_clear_error()
    {
        var e = await Assert.ThrowsAsync<ClusterUnreachableException>(() =>
            ComputeClient.ConnectAsync(["127.0.0.1:1"], new ComputeClientOptions { ConnectTimeout = TimeSpan.FromSeconds(2) }));
        Assert.Contains("no contact point answered within 2 s", e.Message);
        Assert.Contains("akka.tcp://akc@127.0.0.1:1", e.Message);
        Assert.Throws<ArgumentException>(() => ContactPoints.Parse("not an address"));
    }
}
