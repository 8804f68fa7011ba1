using Akka.Actor;
using Akka.Persistence.TestKit;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Cluster;
using AkkaCompute.Node.Peer;
using AkkaCompute.Node.Tests.History;
using AkkaCompute.Node.Tests.Peer;
using static AkkaCompute.Node.Tests.Peer.NodeHarness;

namespace AkkaCompute.Node.Tests.Cluster;

/// <summary>
/// With acceptance = majority a home acknowledges a batch once another member holds it, and journals it in the background.
/// When that journal write fails, the home restarts, and takes the batch back from the replicas: nothing acknowledged is lost.
/// </summary>
public sealed class BackgroundJournalTests : ClusterTestKit
{
    private const string TestJournal = """
        akka.persistence {
          journal.plugin = "akka.persistence.journal.test"
          journal.test.class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
          snapshot-store.plugin = "akka.persistence.snapshot-store.test"
          snapshot-store.test.class = "Akka.Persistence.TestKit.TestSnapshotStore, Akka.Persistence.TestKit"
        }
        """;

    [Fact]
    public void A_batch_acknowledged_before_its_journal_write_failed_is_taken_back_from_the_replicas_and_runs()
    {
        var home = Member("b", config: TestJournal);
        var c = Member("c");
        Sys.ActorOf(PeerActor.Props(Options(FakeRunner.Echo())), "peer");
        home.ActorOf(PeerActor.Props(Options(FakeRunner.Echo())), "peer");
        c.ActorOf(PeerActor.Props(Options(FakeRunner.Echo())), "peer");
        FormCluster(home, c);

        // The home's first write of the batch holding "lost" fails, as a full disk would make it fail.
        var failedOnce = 0;
        var failing = new FailingWrites(payload => payload is TasksAccepted a && a.Specs.Any(s => s.Id == "lost") && Interlocked.Exchange(ref failedOnce, 1) == 0);
        Akka.Persistence.TestKit.TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(home).JournalFor(null)).OnWrite.SetInterceptorAsync(failing).Wait(TimeSpan.FromSeconds(10));

        var peer = home.ActorSelection("/user/peer");
        var answer = peer.Ask<object>(new SubmitBatch([Fn("lost", """{"v":7}""")], JobId: "job"), TimeSpan.FromSeconds(20)).Result;
        Assert.Equal(["lost"], Assert.IsType<BatchAccepted>(answer).Accepted);

        // The write failed, the home restarted and took the batch back from the replicas, and it runs and records the task.
        AwaitCondition(() => failing.Failed == 1, TimeSpan.FromSeconds(20));
        AwaitAssert(() => Assert.Equal(1, peer.Ask<ClusterStats>(GetClusterStats.Instance, TimeSpan.FromSeconds(5)).Result.TookOver),
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        AwaitAssert(() =>
        {
            var result = Assert.IsType<TaskResult>(peer.Ask<object>(new GetTaskResult("lost", HomeOnly: true), TimeSpan.FromSeconds(5)).Result);
            Assert.Equal((TaskState.Succeeded, """{"v":7}"""), (result.State, result.Output!.Value.GetRawText()));
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, failing.Failed);
        var history = peer.Ask<HistoryQueryResult>(new QueryHistory(new HistoryQuery("lost", Limit: 1)), TimeSpan.FromSeconds(10)).Result;
        Assert.Equal(TaskState.Succeeded, Assert.Single(history.Tasks).State); // journaled this time
    }
}
