using System.Text.Json;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Peer;

using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Peer;

/// <summary>Issue 12, item 3: a task that succeeded runs again when the files it declares it reads changed, cache or not.</summary>
public sealed class InputChangeTests : NodeTestKit
{
    private readonly string _dir = Directory.CreateTempSubdirectory("akc-inputs-").FullName;

    /// <summary>Reads the file named by the task's <c>file</c> argument (a merge task returns its args).</summary>
    private static FakeRunner FileReader() => new((t, _, _) => Task.FromResult(
        t.Args.TryGetProperty("file", out var file) ? JsonSerializer.SerializeToElement(File.ReadAllText(file.GetString()!)) : t.Args));

    private static ComputeNodeOptions WithInputs(ITaskRunner runner) => Options(runner) with
    {
        InputFingerprintOf = t => t.Args.TryGetProperty("file", out var file) ? InputFingerprint.Of([file.GetString()!]) : null,
    };

    private TaskSpec Read(string id, string file) => Fn(id, JsonSerializer.Serialize(new { file = Path.Combine(_dir, file) }), cache: true);

    private IReadOnlyList<TaskSpec> Job() => [Read("a", "a.txt"), Read("b", "b.txt"), Fn("total", """{"x":{"$ref":"a"}}""", cache: true)];

    [Fact]
    public void A_changed_input_runs_its_task_and_dependents_again_and_unchanged_ones_stay_done_across_a_restart()
    {
        File.WriteAllText(Path.Combine(_dir, "a.txt"), "one");
        File.WriteAllText(Path.Combine(_dir, "b.txt"), "bee");
        var runner = FileReader();
        var (peer, events) = this.StartPeer(WithInputs(runner));
        peer.Tell(new SubmitBatch(Job()), TestActor);
        ExpectMsg<BatchAccepted>();
        Assert.Equal("one", AwaitResults(events, "a", "b", "total")["a"].Output!.Value.GetString());
        Assert.Equal(3, runner.Calls);

        peer.Tell(new SubmitBatch(Job()), TestActor);
        Assert.Equal(["a", "b", "total"], ExpectMsg<BatchAccepted>().AlreadyKnown);
        Assert.Equal(3, runner.Calls);

        File.WriteAllText(Path.Combine(_dir, "a.txt"), "two"); // same size: only the content tells
        peer.Tell(new SubmitBatch(Job()), TestActor);
        var accepted = ExpectMsg<BatchAccepted>();
        Assert.Equal(["a", "total"], accepted.Accepted);
        Assert.Equal(["b"], accepted.AlreadyKnown);
        var again = AwaitResults(events, "a", "total");
        Assert.Equal("two", again["a"].Output!.Value.GetString()); // not the cached "one": the key covers the file
        Assert.False(again["a"].FromCache);
        Assert.Equal("two", again["total"].Output!.Value.GetProperty("x").GetString());
        Assert.Equal(5, runner.Calls);
        peer.Tell(new FlushHistory(), TestActor);
        ExpectMsg<HistoryFlushed>();
        Watch(peer);
        Sys.Stop(peer);
        ExpectTerminated(peer);

        var restarted = FileReader();
        var (peer2, _) = this.StartPeer(WithInputs(restarted), "peer2");
        peer2.Tell(new SubmitBatch(Job()), TestActor);
        Assert.Equal(["a", "b", "total"], ExpectMsg<BatchAccepted>().AlreadyKnown);
        peer2.Tell(new GetTaskResult("a"), TestActor);
        Assert.Equal("two", ExpectMsg<TaskResult>().Output!.Value.GetString());
        Assert.Equal(0, restarted.Calls);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
