using System.Threading.Channels;
using Akka.Actor;
using Akka;
using Akka.Configuration;
using Akka.Cluster.Tools.Client;
using Akka.Hosting;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Quotas;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Embedding;
using AkkaCompute.Hosting.Settings;
using AkkaCompute.Hosting.Storage;
using AkkaCompute.Node;
using AkkaCompute.Node.History;
using AkkaCompute.Node.Peer;
using AkkaCompute.Node.Executors;
using AkkaCompute.Node.Memory;
using AkkaCompute.Compute.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AkkaCompute.Hosting.Node;

/// <summary>
/// A compute node in this process, assembled with Akka.Hosting: an Akka.NET actor system whose history journal and
/// snapshots are on Akka.Persistence.Sql (SQLite files in the data directory by default, or PostgreSQL with
/// <c>--db postgres://...</c>; see <see cref="HistoryStore"/>), the function registry (built-ins plus configured
/// assemblies), the shell command policy, and the <see cref="PeerActor"/> (registered in the <see cref="ActorRegistry"/>)
/// with its scheduler, executors, cache, quota and history.
/// Starting on an existing store resumes: finished tasks are kept, unfinished ones run again.
/// A node holds its data directory's <see cref="DataDirectoryLock"/> (and its database directory's, when <c>--db</c> puts it
/// elsewhere) from start to dispose: one node per data directory and per store.
/// </summary>
public sealed class ComputeNode : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly NodeStoreLocks _lock;
    private readonly Lock _eventsGate = new();
    private IActorRef? _events;

    private ComputeNode(IHost host, ActorSystem system, IActorRef peer, NodeStoreLocks dataLock, NodeSettings settings, FunctionRegistry functions)
    {
        _lock = dataLock;
        _host = host;
        System = system;
        Peer = peer;
        Settings = settings;
        Functions = functions;
    }

    /// <summary>The node's actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>
    /// How a node starts a worker process for function tasks with <c>isolation = process</c> (<c>akc worker</c>); set by
    /// <c>akc</c> at start. Null (a node hosted elsewhere): process isolation is unavailable and such tasks are rejected
    /// with a message saying so.
    /// </summary>
    public static WorkerCommand? WorkerCommand { get; set; }

    /// <summary>The runner a worker process uses: the built-in functions and <paramref name="assemblies"/>, no shell.</summary>
    /// <param name="assemblies">Function assemblies (<c>akc.executor.functions.assemblies</c>).</param>
    /// <exception cref="FunctionRegistrationException">An assembly cannot be loaded.</exception>
    public static ITaskRunner WorkerRunner(IReadOnlyList<string> assemblies) =>
        new DefaultTaskRunner(
            LoadFunctions(new NodeSettings { Executor = new ExecutorSettings { FunctionAssemblies = assemblies } }),
            new ShellOptions(new CommandPolicy(new CommandPolicyOptions())),
            TimeProvider.System);

    /// <summary>The PeerActor: send it <see cref="SubmitBatch"/>, <see cref="CancelTask"/>, <see cref="GetNodeStatus"/>, ...</summary>
    public IActorRef Peer { get; }

    /// <summary>The settings the node runs with.</summary>
    public NodeSettings Settings { get; }

    /// <summary>The functions tasks can call.</summary>
    public FunctionRegistry Functions { get; }

    /// <summary>Timeout of the node's own requests to the PeerActor. Default 60 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often the PeerActor may restart within <see cref="PeerRestartWindow"/> (it restarts when its history journal
    /// fails): 3. One more and it stops for good, and <see cref="SubscribeEvents"/> readers get a
    /// <see cref="NodeStoppedException"/> instead of waiting forever (Akka's <c>OneForOneStrategy(maxNrOfRetries,
    /// withinTimeRange)</c> on the <c>/user</c> guardian).
    /// </summary>
    public const int PeerRestartLimit = PeerRestartStrategy.RestartLimit;

    /// <summary>The window of <see cref="PeerRestartLimit"/>: one minute.</summary>
    public static readonly TimeSpan PeerRestartWindow = PeerRestartStrategy.RestartWindow;

    /// <summary>
    /// Starts a node.
    /// </summary>
    /// <param name="settings">The node's settings (see hocon/reference.conf).</param>
    /// <param name="loggerFactory">Where the node logs; default nowhere.</param>
    /// <param name="timeProvider">The clock; default the system clock.</param>
    /// <param name="functions">The functions tasks can call, e.g. from <see cref="LoadFunctions"/> (to check a job against them before the start); null to load them from <paramref name="settings"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="DataDirectoryInUseException">Another node (in this process or another) holds <c>akc.storage.data-dir</c>, or the directory of <c>akc.storage.db</c> when that is elsewhere; nothing was opened.</exception>
    /// <exception cref="HistoryStoreException">The database cannot be opened or written, is not a database, or was written by the pre-Akka.NET journal, or a PostgreSQL server does not answer within 5 s or refuses the login; the message names it (never the password).</exception>
    /// <exception cref="FunctionRegistrationException">A configured function assembly cannot be loaded.</exception>
    public static Task<ComputeNode> StartAsync(NodeSettings settings, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, FunctionRegistry? functions = null, CancellationToken cancellationToken = default) =>
        StartWithHistoryAsync(settings, loggerFactory, timeProvider, functions, HistoryProps(settings), cancellationToken);

    /// <summary>
    /// Starts a node that is an Akka.Cluster member (<c>akc node</c>): it joins through the configured seed nodes, places
    /// ready tasks on their owners among the members, runs the tasks other members place on it, and registers its
    /// PeerActor with the ClusterClientReceptionist so that clients outside the cluster can submit to it.
    /// </summary>
    /// <param name="settings">The node's settings.</param>
    /// <param name="membership">The actor system's name and Akka configuration (remoting and cluster).</param>
    /// <param name="loggerFactory">Where the node and Akka log; default nowhere.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="DataDirectoryInUseException">Another node holds the data directory (give each node its own <c>akc.storage.data-dir</c>).</exception>
    /// <exception cref="HistoryStoreException">The database cannot be used; the message names it.</exception>
    /// <exception cref="FunctionRegistrationException">A configured function assembly cannot be loaded.</exception>
    public static Task<ComputeNode> StartMemberAsync(NodeSettings settings, ClusterMembership membership, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        StartWithHistoryAsync(settings, loggerFactory, null, null, HistoryProps(settings), cancellationToken, membership ?? throw new ArgumentNullException(nameof(membership)));

    /// <summary>The history actor of a node with <paramref name="settings"/> (its group-commit delay).</summary>
    internal static Props HistoryProps(NodeSettings settings) =>
        HistoryActor.Props(groupCommitDelay: (settings ?? throw new ArgumentNullException(nameof(settings))).Storage.GroupCommitDelay);

    /// <summary>Starts a node whose history actor is made by <paramref name="historyProps"/> (tests put a failing one there); a cluster member when <paramref name="membership"/> is given.</summary>
    internal static async Task<ComputeNode> StartWithHistoryAsync(NodeSettings settings, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, FunctionRegistry? functions, Props historyProps, CancellationToken cancellationToken, ClusterMembership? membership = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        loggerFactory ??= NullLoggerFactory.Instance;
        timeProvider ??= TimeProvider.System;
        functions ??= LoadFunctions(settings);

        // The store is opened before the host starts, so that its exceptions (data directory in use, database unusable)
        // reach the caller; WithAkkaCompute then composes the actor system and starts the PeerActor.
        var dataLock = await ComputeStore.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
        IHost? host = null;
        try
        {
            host = new HostBuilder()
                .ConfigureServices(services =>
                {
                    services.AddSingleton(loggerFactory);
                    // WithAkkaCompute first: ConfigureLoggers prepends its HOCON (akka.loglevel, akka.loggers), which must win over
                    // the node's (Akka.Hosting's builder prepends each piece of HOCON over what was added before).
                    services.AddAkka(membership?.SystemName ?? "akc", builder => builder
                        .WithAkkaCompute(options =>
                        {
                            options.Settings = settings;
                            options.Membership = membership;
                            options.Functions = functions;
                            options.TimeProvider = timeProvider;
                            options.HistoryProps = historyProps;
                            options.OpenedStore = dataLock;
                        })
                        .ConfigureLoggers(loggers =>
                        {
                            loggers.ClearLoggers();
                            if (membership is not null)
                            {
                                loggers.LogLevel = membership.LogLevel;
                            }

                            loggers.AddLoggerFactory();
                        }));
                })
                .Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var system = host.Services.GetRequiredService<ActorSystem>();
            var registry = host.Services.GetRequiredService<ActorRegistry>();
            var peer = await registry.GetAsync<PeerActor>(cancellationToken).ConfigureAwait(false);
            return new ComputeNode(host, system, peer, dataLock, settings, functions);
        }
        catch
        {
            if (host is not null)
            {
                await StopHostAsync(host).ConfigureAwait(false);
            }

            dataLock.Dispose();
            throw;
        }
    }

    private static async Task StopHostAsync(IHost host)
    {
        try
        {
            await host.StopAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        finally
        {
            host.Dispose();
        }
    }

    /// <summary>The functions a node with these settings offers: the built-ins plus those of <c>executor.functions.assemblies</c>.</summary>
    /// <param name="settings">The node's settings.</param>
    /// <returns>A new registry.</returns>
    /// <exception cref="FunctionRegistrationException">A configured function assembly cannot be loaded.</exception>
    public static FunctionRegistry LoadFunctions(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var functions = FunctionRegistry.CreateWithBuiltIns();
        foreach (var assembly in settings.Executor.FunctionAssemblies)
        {
            functions.LoadAssemblyFile(assembly);
        }

        return functions;
    }

    /// <summary>
    /// Which of <paramref name="tasks"/> reuse an id the node's store holds with a different definition; submits nothing.
    /// The reply lists them (empty when none): a <see cref="SubmitAsync"/> with any of them would be refused.
    /// </summary>
    public Task<TasksChecked> CheckAsync(IReadOnlyList<TaskSpec> tasks, CancellationToken cancellationToken = default) =>
        Peer.Ask<TasksChecked>(new CheckTasks(tasks), RequestTimeout, cancellationToken);

    /// <summary>Submits a batch; the reply is <see cref="BatchAccepted"/> or <see cref="BatchRefused"/>.</summary>
    public Task<object> SubmitAsync(IReadOnlyList<TaskSpec> tasks, string? clientId = null, CancellationToken cancellationToken = default) =>
        Peer.Ask(new SubmitBatch(tasks, clientId), RequestTimeout, cancellationToken);

    /// <summary>A task's result (<see cref="TaskResult"/>) or <see cref="TaskNotFinished"/>.</summary>
    public Task<object> GetResultAsync(string taskId, CancellationToken cancellationToken = default) =>
        Peer.Ask(new GetTaskResult(taskId), RequestTimeout, cancellationToken);

    /// <summary>Cancels a task; the reply says whether it was cancelled.</summary>
    public Task<CancelResult> CancelAsync(string taskId, CancellationToken cancellationToken = default) =>
        Peer.Ask<CancelResult>(new CancelTask(taskId), RequestTimeout, cancellationToken);

    /// <summary>The tasks of the node's history that match <paramref name="query"/> (everything recorded before the call is included).</summary>
    /// <param name="query">Filters and limit (1 to 100,000).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="AskTimeoutException">No answer within <see cref="RequestTimeout"/>.</exception>
    public async Task<IReadOnlyList<TaskHistory>> QueryHistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default) =>
        (await Peer.Ask<HistoryQueryResult>(new QueryHistory(query), RequestTimeout, cancellationToken).ConfigureAwait(false)).Tasks;

    /// <summary>The node's task counters.</summary>
    public Task<NodeStatus> StatusAsync(CancellationToken cancellationToken = default) =>
        Peer.Ask<NodeStatus>(new GetNodeStatus(), RequestTimeout, cancellationToken);

    /// <summary>The node's task counters and busy executors (<see cref="IdleMemoryTrimmer"/> reads them).</summary>
    /// <exception cref="AskTimeoutException">No answer within <see cref="RequestTimeout"/>.</exception>
    public async Task<NodeActivity> ActivityAsync(CancellationToken cancellationToken = default)
    {
        var status = await StatusAsync(cancellationToken).ConfigureAwait(false);
        var executors = await Peer.Ask<ExecutorStats>(new GetExecutorStats(), RequestTimeout, cancellationToken).ConfigureAwait(false);
        return new NodeActivity(status, executors.Busy);
    }

    /// <summary>
    /// Every <see cref="TaskEvent"/> from now on, through an unbounded channel (events are small; a
    /// reader that stops reading should dispose the node). The channel completes when the node shuts down, and fails
    /// with <see cref="NodeStoppedException"/> (reading throws <see cref="ChannelClosedException"/> with it inside) when
    /// the PeerActor stopped for good (<see cref="PeerRestartLimit"/>). Every reader of one node shares one subscription at the
    /// PeerActor (one forwarder writes each event into every reader's channel), so that each further reader (metrics, the REST
    /// API's events) costs a channel write per event, not another actor message.
    /// </summary>
    public ChannelReader<TaskEvent> SubscribeEvents()
    {
        var channel = Channel.CreateUnbounded<TaskEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_eventsGate)
        {
            if (_events is null)
            {
                var peer = Peer;
                _events = System.ActorOf(Props.Create(() => new EventForwarder(peer)));
                Peer.Tell(new SubscribeTaskEvents(), _events);
            }

            _events.Tell(new AddEventWriter(channel.Writer));
        }

        return channel.Reader;
    }

    /// <summary>
    /// Stops the node: every history event recorded so far is flushed to the journal, then the actor
    /// system terminates (running attempts are cancelled), the store closes and the data directory's lock is released.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance).ConfigureAwait(false);
            await StopHostAsync(_host).ConfigureAwait(false);
        }
        finally
        {
            _lock.Dispose();
        }
    }

    /// <summary>A reader's channel for the <see cref="EventForwarder"/> (events from the next one on).</summary>
    private sealed record AddEventWriter(ChannelWriter<TaskEvent> Writer);

    /// <summary>
    /// Forwards task events to every reader's channel; fails them all when the peer stops, with the last journal failure as the
    /// reason, and completes them when it stops itself.
    /// </summary>
    private sealed class EventForwarder : ReceiveActor
    {
        private readonly List<ChannelWriter<TaskEvent>> _writers = [];
        private readonly IActorRef _peer;
        private string? _lastFailure;
        private NodeStoppedException? _stopped;

        public EventForwarder(IActorRef peer)
        {
            _peer = peer;
            Receive<AddEventWriter>(a =>
            {
                if (_stopped is null)
                {
                    _writers.Add(a.Writer);
                }
                else
                {
                    a.Writer.TryComplete(_stopped); // a reader that subscribes after the peer stopped for good learns it at once
                }
            });
            Receive<TaskEvent>(e =>
            {
                foreach (var writer in _writers)
                {
                    writer.TryWrite(e);
                }
            });
            Receive<HistoryJournalFailed>(f => _lastFailure = f.Reason);
            Receive<Terminated>(t => t.ActorRef.Equals(_peer), _ =>
            {
                _stopped = new NodeStoppedException(
                    $"the node stopped: its history journal failed {PeerRestartLimit + 1} times within {PeerRestartWindow.TotalSeconds:0} s"
                    + (_lastFailure is null ? string.Empty : $" (last: {_lastFailure})"));
                _writers.ForEach(w => w.TryComplete(_stopped));
                _writers.Clear();
            });
        }

        protected override void PreStart()
        {
            Context.System.EventStream.Subscribe(Self, typeof(HistoryJournalFailed));
            Context.Watch(_peer);
        }

        protected override void PostStop()
        {
            Context.System.EventStream.Unsubscribe(Self);
            _writers.ForEach(w => w.TryComplete());
        }
    }
}
