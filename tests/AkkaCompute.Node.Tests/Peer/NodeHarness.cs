using System.Text.Json;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Node.Executors;
using AkkaCompute.Compute.History;
using AkkaCompute.Node.Peer;
using AkkaCompute.Node.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Node.Tests.Peer;

/// <summary>A runner whose behaviour a test scripts per task id.</summary>
public sealed class FakeRunner(Func<TaskSpec, int, CancellationToken, Task<JsonElement>> run) : ITaskRunner
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<JsonElement> RunAsync(TaskSpec task, int attempt, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return run(task, attempt, cancellationToken);
    }

    /// <summary>Echoes a task's args back as its result.</summary>
    public static FakeRunner Echo() => new((t, _, _) => Task.FromResult(t.Args));
}

public static class NodeHarness
{
    public static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static TaskSpec Fn(string id, string args = "{}", int priority = 0, int? maxRetries = null, TimeSpan? timeout = null, bool cache = false, params string[] dependsOn) =>
        new() { Id = id, Function = "echo", Args = J(args), Priority = priority, MaxRetries = maxRetries, Timeout = timeout, Cache = cache, DependsOn = dependsOn };

    public static ComputeNodeOptions Options(ITaskRunner runner, int maxConcurrent = 2) => new()
    {
        Runner = runner,
        HistoryProps = HistoryActor.Props(),
        CacheKeyOf = t => t.Kind == TaskKind.Function ? t.Function + ":" + t.Args.GetRawText() : null,
        MaxConcurrent = maxConcurrent,
        BackoffBase = TimeSpan.FromMilliseconds(5),
        BackoffMax = TimeSpan.FromMilliseconds(20),
        DefaultTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Starts a PeerActor named <paramref name="name"/> with <paramref name="options"/> and a probe subscribed to its task events.</summary>
    public static (IActorRef Peer, TestProbe Events) StartPeer(this TestKitBase kit, ComputeNodeOptions options, string name = "peer")
    {
        var peer = kit.Sys.ActorOf(PeerActor.Props(options), name);
        var events = kit.CreateTestProbe();
        peer.Tell(new SubscribeTaskEvents(), events.Ref);
        return (peer, events);
    }

    /// <summary>Waits for the terminal event of each id, returning the results by id.</summary>
    public static Dictionary<string, TaskResult> AwaitResults(TestProbe probe, params string[] ids)
    {
        var results = new Dictionary<string, TaskResult>();
        while (results.Count < ids.Length)
        {
            var e = probe.FishForMessage<TaskEvent>(e => e.State.IsTerminal() && ids.Contains(e.TaskId), TimeSpan.FromSeconds(10));
            results[e.TaskId] = e.Result!;
        }

        return results;
    }
}
