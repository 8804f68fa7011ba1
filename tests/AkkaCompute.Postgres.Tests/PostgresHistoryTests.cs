using System.Diagnostics;
using System.Threading.Channels;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;
using AkkaCompute.Hosting.Storage;

namespace AkkaCompute.Postgres.Tests;

/// <summary>A node's history journal on PostgreSQL: recorded, read back, resumed by a second node, and a server that is down.</summary>
public sealed class PostgresHistoryTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("akc-pg-").FullName;

    [Fact]
    public async Task A_job_is_recorded_the_tables_are_created_and_the_reader_folds_it()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await using (var node = await ComputeNode.StartAsync(Settings(db.Url, "a")))
        {
            var events = node.SubscribeEvents();
            var accepted = await node.SubmitAsync([Shell("one", "true"), Shell("two", "true"), Shell("bad", "exit 3", maxRetries: 0)]);
            Assert.IsType<BatchAccepted>(accepted);
            await AwaitFinishedAsync(events, "one", "two", "bad");
        }

        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'journal'") > 0);
        var history = await HistoryReader.LoadAsync(db.Url, CancellationToken.None);
        Assert.Equal(3, history.Count);
        Assert.Equal(TaskState.Succeeded, history.Get("one")!.State);
        Assert.Equal(TaskState.Succeeded, history.Get("two")!.State);
        Assert.Equal(TaskState.Failed, history.Get("bad")!.State);
    }

    [Fact]
    public async Task A_second_node_on_the_same_database_resumes_unfinished_tasks_and_does_not_rerun_finished_ones()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        var log = Path.Combine(_dir, "runs.log");
        var release = Path.Combine(_dir, "release");
        var started = Path.Combine(_dir, "blocker.started");
        var tasks = new[]
        {
            Shell("done-1", $"echo done-1 >> '{log}'", priority: 9),
            Shell("done-2", $"echo done-2 >> '{log}'", priority: 8),
            Shell("blocker", $"touch '{started}'; while [ ! -f '{release}' ]; do sleep 0.05; done; echo blocker >> '{log}'", priority: 7),
            Shell("queued", $"echo queued >> '{log}'", priority: 1),
        };

        // First node: one executor, so "queued" waits behind the blocker; stopped while the blocker runs.
        await using (var first = await ComputeNode.StartAsync(Settings(db.Url, "a")))
        {
            var events = first.SubscribeEvents();
            Assert.IsType<BatchAccepted>(await first.SubmitAsync(tasks));
            await AwaitFinishedAsync(events, "done-1", "done-2");
            await AwaitAsync(() => File.Exists(started), "the blocker to start");
        }

        var between = await HistoryReader.LoadAsync(db.Url, CancellationToken.None);
        Assert.Equal(4, between.Count);
        Assert.Equal(2, between.Incomplete().Count);

        // Second node, another data directory, same database: it resumes what is unfinished on its own.
        File.WriteAllText(release, string.Empty);
        await using (var second = await ComputeNode.StartAsync(Settings(db.Url, "b")))
        {
            await AwaitAsync(async () => (await second.StatusAsync()).Succeeded == 4, "the second node to finish every task");
        }

        var after = await HistoryReader.LoadAsync(db.Url, CancellationToken.None);
        Assert.All(["done-1", "done-2", "blocker", "queued"], id => Assert.Equal(TaskState.Succeeded, after.Get(id)!.State));
        Assert.Single(after.Get("done-1")!.Events.OfType<TaskStarted>());
        Assert.Single(after.Get("done-2")!.Events.OfType<TaskStarted>());
        Assert.Equal(["blocker", "done-1", "done-2", "queued"], File.ReadAllLines(log).Order());
    }

    [Fact]
    public async Task A_server_that_goes_away_mid_job_loses_nothing_accepted_once_it_is_back()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        var server = new Uri(db.Url);
        await using var proxy = new TcpProxy(server.Host, server.Port);
        var url = new UriBuilder(server) { Port = proxy.Port }.Uri.ToString();
        var release = Path.Combine(_dir, "release");
        var started = Path.Combine(_dir, "blocker.started");
        var tasks = new List<TaskSpec>
        {
            Shell("before", "true", priority: 9),
            Shell("blocker", $"touch '{started}'; while [ ! -f '{release}' ]; do sleep 0.05; done", priority: 8),
        };
        tasks.AddRange(Enumerable.Range(1, 5).Select(i => Shell($"after-{i}", "true", priority: 1)));

        var first = await ComputeNode.StartAsync(Settings(url, "a"));
        try
        {
            var events = first.SubscribeEvents();
            Assert.IsType<BatchAccepted>(await first.SubmitAsync(tasks));
            await AwaitFinishedAsync(events, "before");
            await AwaitAsync(() => File.Exists(started), "the blocker to start");

            // The server goes away while the blocker runs; the blocker then finishes and its result cannot be written.
            proxy.Cut();
            File.WriteAllText(release, string.Empty);
            // A peer restarting after a failed write answers no status: ask with a short deadline, not the node's 60 s.
            await AwaitAsync(
                async () =>
                {
                    using var ask = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    return events.Completion.IsCompleted || (await first.StatusAsync(ask.Token)).Succeeded >= 2;
                },
                "the first node to finish the blocker or stop");
        }
        catch (Exception e) when (e is Akka.Actor.AskTimeoutException or OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            // The node stopped because its journal kept failing: that is one of the allowed outcomes.
        }
        finally
        {
            proxy.Restore();
            await first.DisposeAsync();
        }

        // Back: a node on the same database finishes every accepted task.
        await using (var second = await ComputeNode.StartAsync(Settings(url, "b")))
        {
            await AwaitAsync(async () => (await second.StatusAsync()).Succeeded == tasks.Count, "the second node to finish every accepted task");
        }

        var after = await HistoryReader.LoadAsync(url, CancellationToken.None);
        Assert.Equal(tasks.Count, after.Count);
        Assert.All(tasks, t => Assert.Equal(TaskState.Succeeded, after.Get(t.Id)!.State));
    }

    [Fact]
    public async Task Two_nodes_on_one_database_are_not_refused_by_a_store_lock_but_one_data_directory_still_is()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await using var first = await ComputeNode.StartAsync(Settings(db.Url, "a"));
        await Assert.ThrowsAsync<DataDirectoryInUseException>(() => ComputeNode.StartAsync(Settings(db.Url, "a")));
        Assert.False(File.Exists(Path.Combine(_dir, "a", "akc.db.lock")));
    }

    [Fact]
    public async Task A_server_that_is_down_fails_the_start_quickly_with_one_line_naming_it_and_no_password()
    {
        var url = $"postgres://akc:s3cret@127.0.0.1:{UnusedPort()}/akc";
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<HistoryStoreException>(() => ComputeNode.StartAsync(Settings(url, "a")));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.StartsWith("postgres://akc:***@127.0.0.1:", e.Message);
        Assert.Contains("cannot use the PostgreSQL server at 127.0.0.1:", e.Message);
        Assert.DoesNotContain("s3cret", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        // The refused node released its data directory.
        DataDirectoryLock.Acquire(Path.Combine(_dir, "a")).Dispose();

        var read = await Assert.ThrowsAsync<HistoryStoreException>(() => HistoryReader.LoadAsync(url, CancellationToken.None));
        Assert.DoesNotContain("s3cret", read.Message);
        Assert.Contains("cannot use the PostgreSQL server", read.Message);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_the_servers_reason_and_without_the_password()
    {
        var server = PostgresDatabase.ServerUrl();
        var url = new UriBuilder(server) { Password = "not-the-password" }.Uri.ToString();
        var e = await Assert.ThrowsAsync<HistoryStoreException>(() => ComputeNode.StartAsync(Settings(url, "a")));
        Assert.Contains("28P01", e.Message);
        Assert.DoesNotContain("not-the-password", e.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private NodeSettings Settings(string db, string dataDir) => new()
    {
        Storage = new StorageSettings { DataDirectory = Path.Combine(_dir, dataDir), DatabasePath = db },
        Executor = new ExecutorSettings { MaxConcurrent = 1 },
    };

    private static TaskSpec Shell(string id, string command, int priority = 0, int? maxRetries = null) =>
        new() { Id = id, Kind = TaskKind.Shell, Command = command, Priority = priority, MaxRetries = maxRetries, Cache = false };

    private static async Task AwaitFinishedAsync(ChannelReader<TaskEvent> events, params string[] ids)
    {
        var waiting = ids.ToHashSet();
        using var cts = new CancellationTokenSource(Deadline);
        while (waiting.Count > 0)
        {
            var e = await events.ReadAsync(cts.Token);
            if (e.State is TaskState.Succeeded or TaskState.Failed or TaskState.Cancelled or TaskState.TimedOut)
            {
                waiting.Remove(e.TaskId);
            }
        }
    }

    private static Task AwaitAsync(Func<bool> condition, string what) => AwaitAsync(() => Task.FromResult(condition()), what);

    private static async Task AwaitAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    private static int UnusedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
