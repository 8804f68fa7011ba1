using System.Threading.Channels;
using Akka.Actor;
using AkkaCompute.Compute.History;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Hosting.Tests.Node;

/// <summary>A history journal that keeps failing stops the node after a bounded number of restarts, and says why.</summary>
public sealed class PeerRestartLimitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("akc-node-restarts-").FullName;

    [Fact]
    public async Task A_journal_that_keeps_failing_stops_the_node_after_the_restart_limit_and_fails_the_event_channel_with_the_reason()
    {
        var failures = new FailureLog();
        var settings = new NodeSettings
        {
            Storage = new StorageSettings { DataDirectory = _dir, DatabasePath = Path.Combine(_dir, "akc.db") },
        };
        await using var node = await ComputeNode.StartWithHistoryAsync(settings, null, null, null, Props.Create(() => new FailingHistory(failures)), CancellationToken.None);
        var events = node.SubscribeEvents();

        failures.Release.SetResult();
        var closed = await Assert.ThrowsAsync<ChannelClosedException>(() => events.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));

        var stopped = Assert.IsType<NodeStoppedException>(closed.InnerException);
        Assert.Contains($"failed {ComputeNode.PeerRestartLimit + 1} times", stopped.Message);
        Assert.Contains("disk full (test)", stopped.Message);
        Assert.Equal(ComputeNode.PeerRestartLimit + 1, failures.Started);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Counts the history actors started; they fail once the test releases them.</summary>
    private sealed class FailureLog
    {
        private int _started;

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Started => Volatile.Read(ref _started);

        public void OnStart() => Interlocked.Increment(ref _started);
    }

    /// <summary>Stands in for a HistoryActor whose journal fails: publishes the failure and stops, as the real one does.</summary>
    private sealed class FailingHistory : ReceiveActor
    {
        private readonly FailureLog _log;

        public FailingHistory(FailureLog log)
        {
            _log = log;
            Receive<Fail>(_ =>
            {
                Context.System.EventStream.Publish(new HistoryJournalFailed("writing the history journal failed: disk full (test)"));
                Context.Stop(Self);
            });
            ReceiveAny(_ => { });
        }

        protected override void PreStart()
        {
            _log.OnStart();
            var self = Self;
            _log.Release.Task.ContinueWith(_ => self.Tell(new Fail(), ActorRefs.NoSender), TaskScheduler.Default);
        }

        private sealed record Fail;
    }
}
