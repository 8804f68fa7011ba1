using AkkaCompute.Compute.History;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using System.Collections.Immutable;
using Akka.Configuration;
using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node;
using AkkaCompute.Node.Cluster;

namespace AkkaCompute.Client;

/// <summary>
/// Submits work to an AkkaCompute cluster from outside it: a small Akka.Remote actor system with Akka.Cluster.Tools'
/// ClusterClient, talking to the PeerActor that every member registers with its ClusterClientReceptionist. Requests go to
/// the peer of the member the client is connected to (local affinity): that member is the home of the tasks submitted
/// through it. When the contact member dies, ClusterClient moves to another contact; submissions in flight are sent again
/// (task ids make that safe). Thread-safe.
/// <para>
/// ClusterClient drops messages when its buffer fills before a contact answers (akka.net #3417); this client never relies
/// on that buffer: it first waits for a contact point to answer (<see cref="ConnectAsync"/>), and every request is an
/// ask with a timeout that fails with an exception instead of disappearing.
/// </para>
/// </summary>
public sealed partial class ComputeClient : IAsyncDisposable
{
    private const string PeerPath = "/user/peer";
    private readonly ActorSystem _system;
    private readonly IActorRef _client;
    private readonly ComputeClientOptions _options;

    private ComputeClient(ActorSystem system, IActorRef client, ComputeClientOptions options, IReadOnlyList<Address> contacts)
    {
        _system = system;
        _client = client;
        _options = options;
        Contacts = contacts;
        _replies = system.ActorOf(Props.Create(() => new ReplyActor(_pending, Pushed)), "replies");
    }

    /// <summary>The contact points given to <see cref="ConnectAsync"/>.</summary>
    public IReadOnlyList<Address> Contacts { get; }

    /// <summary>
    /// Connects to the cluster through <paramref name="contacts"/> (member addresses, <c>akka.tcp://akc@host:port</c> or
    /// <c>host:port</c>) and returns once one of them answered.
    /// </summary>
    /// <exception cref="ArgumentException">No contact, or one that is not a member address.</exception>
    /// <exception cref="ClusterUnreachableException">No contact answered within <see cref="ComputeClientOptions.ConnectTimeout"/>.</exception>
    public static async Task<ComputeClient> ConnectAsync(IEnumerable<string> contacts, ComputeClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ComputeClientOptions();
        var addresses = contacts.Select(ContactPoints.Parse).ToList();
        if (addresses.Count == 0)
        {
            throw new ArgumentException("give at least one contact point (a member address: akka.tcp://akc@HOST:PORT)", nameof(contacts));
        }

        var systemName = addresses[0].System;
        var hostname = options.Hostname ?? ContactPoints.LocalAddressToward(addresses[0]);
        var config = ClientConfig(hostname);
        var system = ActorSystem.Create(systemName + "-client", config);
        var settings = ClusterClientSettings.Create(system).WithInitialContacts(addresses.Select(ContactPoints.ReceptionistOf).ToImmutableHashSet());
        var client = new ComputeClient(system, system.ActorOf(ClusterClient.Props(settings), "compute-client"), options, addresses);
        try
        {
            await client.RequestAsync<MembershipSnapshot>(ClientTarget.Peer, GetMembership.Instance, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw new ClusterUnreachableException(
                $"no contact point answered within {options.ConnectTimeout.TotalSeconds:0.#} s ({string.Join(", ", addresses)}): is an akc node running there, and is the address the one it printed (node akka.tcp://...)?", e);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The client's Akka configuration: Akka.Remote on <paramref name="hostname"/> (a free port), the node's serializers and frame size, ClusterClient's defaults.</summary>
    internal static Config ClientConfig(string hostname)
    {
        return ConfigurationFactory.ParseString($$"""
            akka {
              # The client runs inside the caller's process: errors go to stderr, never stdout, and neither the WARNINGs
              # (below the level) nor the ERRORs (dropped by ClientLogger) that Akka.Remote logs with stack traces when a
              # contact dies are shown; ClusterClient fails over, and the exceptions this client throws say what went wrong.
              loggers = ["AkkaCompute.Client.ClientLogger, AkkaCompute.Client"]
              loglevel = ERROR
              stdout-loglevel = OFF
              remote.log-remote-lifecycle-events = off
              actor.provider = remote
              remote.dot-netty.tcp {
                hostname = "{{hostname}}"
                port = 0
                maximum-frame-size = 4194304b
                send-buffer-size = 8388608b
                receive-buffer-size = 8388608b
                batching.enabled = false
              }
              coordinated-shutdown.run-by-clr-shutdown-hook = off
              # Off: what ClusterClient sends goes through Akka.Cluster.Tools' serializers, which serialize the message
              # it carries with that message's registered serializer (ours), never with Akka's default JSON serializer as a
              # whole (akka.net #6803), which loses every task's JSON arguments; ClientConfigTests checks both wrappers.
              cluster.client.use-legacy-serialization = off
            }
            """)
            .WithFallback(NodeConfig.Default)
            .WithFallback(ClusterClientReceptionist.DefaultConfig())
            .WithFallback(Akka.Cluster.Tools.PublishSubscribe.DistributedPubSub.DefaultConfig()); // binds the pub-sub Send that ClusterClient forwards to its serializer
    }

    /// <summary>
    /// Submits <paramref name="tasks"/> as job <paramref name="jobId"/>, in batches that fit one remote message (each
    /// accepted durably by the home before it is acknowledged). Batches already acknowledged stay accepted when a later one
    /// is refused. Unless <see cref="ComputeClientOptions.PushResults"/> is off, the home pushes the accepted tasks' results to
    /// this client as they finish, so that <see cref="WaitForResultAsync"/> and <see cref="WatchResultsAsync"/> have them
    /// without a further round trip.
    /// </summary>
    /// <exception cref="SubmissionException">A batch was refused (the reason from the node), or not acknowledged after three tries.</exception>
    public async Task<SubmitOutcome> SubmitAsync(IReadOnlyList<TaskSpec> tasks, string jobId, CancellationToken cancellationToken = default)
    {
        var accepted = new List<string>();
        var known = new List<string>();
        var oversized = new List<TaskSpec>();
        foreach (var chunk in MessageChunks.Split(tasks, t => t, SubmitBatch.MaxBatchSize, oversized))
        {
            _unclaimed.Forget(chunk.Select(t => t.Id)); // a result pushed for an earlier run of the same id is not this run's
            var answer = await AskAsync<object>(new SubmitBatch(chunk, _options.ClientId, jobId, PushResults: _options.PushResults), cancellationToken).ConfigureAwait(false);
            switch (answer)
            {
                case BatchAccepted a:
                    accepted.AddRange(a.Accepted);
                    known.AddRange(a.AlreadyKnown);
                    break;
                case BatchRefused r:
                    throw new SubmissionException($"the cluster refused a batch of {chunk.Count} tasks ({accepted.Count + known.Count} accepted before it): {r.Reason}", refused: true);
                default:
                    throw new SubmissionException($"unexpected answer to a submission: {answer.GetType().Name}", refused: false);
            }
        }

        if (oversized.Count > 0)
        {
            throw new SubmissionException(
                $"{oversized.Count} task(s) are larger than one message ({MessageChunks.MaxBytes} bytes estimated), e.g. '{oversized[0].Id}': pass large data in files, not arguments ({accepted.Count + known.Count} other tasks were accepted)",
                refused: true);
        }

        return new SubmitOutcome(jobId, accepted, known);
    }

    /// <summary>A task's result, or null while it has none (the returned State says where it is; a null State: the home does not know the task).</summary>
    public async Task<(TaskResult? Result, TaskState? State)> GetResultAsync(string taskId, CancellationToken cancellationToken = default) =>
        await AskAsync<object>(new GetTaskResult(taskId), cancellationToken).ConfigureAwait(false) switch
        {
            TaskResult r => (r, r.State),
            TaskNotFinished n => (null, n.State),
            var other => throw new InvalidOperationException($"unexpected answer to a result request: {other.GetType().Name}"),
        };

    /// <summary>The results of the finished tasks among <paramref name="taskIds"/> (asked in requests of up to 500 ids); unknown and unfinished ones are left out.</summary>
    public async Task<IReadOnlyList<TaskResult>> GetResultsAsync(IReadOnlyList<string> taskIds, CancellationToken cancellationToken = default)
    {
        var finished = new List<TaskResult>();
        foreach (var chunk in taskIds.Chunk(GetTaskResults.MaxIds))
        {
            finished.AddRange((await AskAsync<TaskResults>(new GetTaskResults(chunk), cancellationToken).ConfigureAwait(false)).Finished);
        }

        return finished;
    }


    /// <summary>
    /// The results of the finished tasks among <paramref name="taskIds"/>, and the state (Waiting, Queued, Running, Retrying)
    /// and attempt of the unfinished ones their homes know; unknown ids are in neither list. Asked in chunks of 500 ids.
    /// </summary>
    /// <param name="taskIds">The tasks.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Finished results and unfinished states.</returns>
    /// <exception cref="SubmissionException">No answer after three tries of <see cref="ComputeClientOptions.RequestTimeout"/>.</exception>
    public async Task<(IReadOnlyList<TaskResult> Finished, IReadOnlyList<TaskProgressState> Unfinished)> GetProgressAsync(IReadOnlyList<string> taskIds, CancellationToken cancellationToken = default)
    {
        var finished = new List<TaskResult>();
        var unfinished = new List<TaskProgressState>();
        foreach (var chunk in taskIds.Chunk(GetTaskResults.MaxIds))
        {
            var answer = await AskAsync<TaskResults>(new GetTaskResults(chunk, WithStates: true), cancellationToken).ConfigureAwait(false);
            finished.AddRange(answer.Finished);
            unfinished.AddRange(answer.Unfinished ?? []);
        }

        return (finished, unfinished);
    }

    /// <summary>Cancels a task at its home, which stops it wherever it runs.</summary>
    public Task<CancelResult> CancelAsync(string taskId, CancellationToken cancellationToken = default) =>
        AskAsync<CancelResult>(new CancelTask(taskId), cancellationToken);

    /// <summary>Task counts by state at the contact member (its own tasks: those submitted through it).</summary>
    public Task<NodeStatus> StatusAsync(CancellationToken cancellationToken = default) => AskAsync<NodeStatus>(new GetNodeStatus(), cancellationToken);

    /// <summary>The members the contact member places tasks on (addresses).</summary>
    public async Task<IReadOnlyList<string>> MembersAsync(CancellationToken cancellationToken = default) =>
        (await AskAsync<MembershipSnapshot>(GetMembership.Instance, cancellationToken).ConfigureAwait(false)).Members;

    /// <summary>The members the contact member places tasks on, with their roles (empty role sets from a member that does not report roles).</summary>
    /// <exception cref="SubmissionException">No answer after three tries of <see cref="ComputeClientOptions.RequestTimeout"/>.</exception>
    public async Task<IReadOnlyList<ClusterMember>> MembersWithRolesAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await AskAsync<MembershipSnapshot>(GetMembership.Instance, cancellationToken).ConfigureAwait(false);
        return snapshot.Members
            .Select((address, i) => new ClusterMember(address, (snapshot.Roles is { } roles && i < roles.Count ? roles[i] : []).ToHashSet(StringComparer.Ordinal)))
            .ToList();
    }

    /// <summary>The contact member's distributed-protocol counters (hand-offs, steals, duplicate results, ...).</summary>
    public Task<ClusterStats> ClusterStatsAsync(CancellationToken cancellationToken = default) => AskAsync<ClusterStats>(GetClusterStats.Instance, cancellationToken);

    /// <summary>
    /// The recorded history of the cluster's tasks matching <paramref name="query"/> (every member answers for the tasks it is
    /// home to), newest acceptance first, at most <c>query.Limit</c> tasks with their events.
    /// </summary>
    public async Task<IReadOnlyList<TaskHistory>> HistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default) =>
        (await AskAsync<HistoryQueryResult>(new GetClusterHistory(query), cancellationToken).ConfigureAwait(false)).Tasks;

    /// <summary>The contact member's view of the merkle clock (entries and head).</summary>
    public Task<ClockView> ClockAsync(CancellationToken cancellationToken = default) => AskAsync<ClockView>(GetClock.Instance, cancellationToken);

    /// <summary>Stops the client's actor system.</summary>
    public async ValueTask DisposeAsync() => await _system.Terminate().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);

    /// <summary>
    /// Asks <paramref name="target"/> on the contact member (its peer by default), sending again after a timeout (the
    /// requests are idempotent), three tries of <see cref="ComputeClientOptions.RequestTimeout"/> in all.
    /// </summary>
    /// <exception cref="SubmissionException">No answer after the third try.</exception>
    private async Task<T> AskAsync<T>(object message, CancellationToken cancellationToken, ClientTarget target = ClientTarget.Peer)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RequestAsync<T>(target, message, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (AskTimeoutException e) when (attempt < 3)
            {
                _ = e; // the contact may have died: ClusterClient moves to another, and the request goes again
            }
            catch (AskTimeoutException e)
            {
                var what = target == ClientTarget.Memory ? "the cluster's shared memory" : "the cluster";
                throw new SubmissionException($"no answer from {what} after 3 tries of {_options.RequestTimeout.TotalSeconds:0.#} s ({message.GetType().Name}); contacts: {string.Join(", ", Contacts)}", refused: false, e);
            }
        }
    }
}
