using Akka;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Configuration;
using Akka.DependencyInjection;
using Akka.Hosting;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Storage;
using AkkaCompute.Node;
using AkkaCompute.Node.Cluster;
using AkkaCompute.Node.History;
using AkkaCompute.Node.Memory;
using AkkaCompute.Node.Peer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AkkaCompute.Hosting.Embedding;

/// <summary>
/// Akka.Hosting composition of a compute node: <c>AddAkka(...).WithAkkaCompute(options => ...)</c>. This is the one place
/// where a node's actor system is composed; <see cref="ComputeNode"/> (<c>akc run</c>, <c>akc node</c>) uses it too.
/// </summary>
public static class AkkaComputeBuilderExtensions
{
    /// <summary>
    /// Adds a compute node to the actor system being built: the node's HOCON (the journal and snapshot store on
    /// Akka.Persistence.Sql, the history serializer, the scheduler's mailbox, the guardian's restart limit; a cluster
    /// member's Akka configuration when <see cref="AkkaComputeOptions.Membership"/> is set) is prepended to the builder's,
    /// and an actor starter opens the store (unless <see cref="AkkaComputeServiceCollectionExtensions.AddAkkaCompute"/> or
    /// <see cref="ComputeNode"/> opened it already), loads the functions, starts the PeerActor as <c>/user/peer</c> and
    /// registers it in the <see cref="ActorRegistry"/> under <see cref="PeerActor"/> (so <c>IRequiredActor&lt;PeerActor&gt;</c>
    /// resolves it). At shutdown (CoordinatedShutdown's service-stop phase) the history is flushed to the journal.
    /// Logs go to the application's <see cref="ILoggerFactory"/> when it has one. The node's HOCON sets <c>akka.loglevel</c>
    /// (WARNING for a single node, the membership's for a member): call <c>ConfigureLoggers</c> after this method for yours to win. A failure inside the actor starter
    /// (data directory in use, database unusable, function assembly unloadable) is logged by Akka.Hosting as critical and
    /// stops the application; use <see cref="AkkaComputeServiceCollectionExtensions.AddAkkaCompute"/> to have it fail the start.
    /// </summary>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="configure">Sets the options (data directory, workers, settings...).</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid; the message names it, its value and the constraint.</exception>
    public static AkkaConfigurationBuilder WithAkkaCompute(this AkkaConfigurationBuilder builder, Action<AkkaComputeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AkkaComputeOptions();
        configure(options);
        return builder.WithAkkaCompute(options);
    }

    /// <summary>
    /// Adds a compute node configured by <paramref name="options"/> (validated first) to the actor system being built; see
    /// <see cref="WithAkkaCompute(AkkaConfigurationBuilder, Action{AkkaComputeOptions})"/>.
    /// </summary>
    /// <param name="builder">The Akka.Hosting builder.</param>
    /// <param name="options">The node's options; read now and when the actor system starts.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid; the message names it.</exception>
    public static AkkaConfigurationBuilder WithAkkaCompute(this AkkaConfigurationBuilder builder, AkkaComputeOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        AkkaComputeOptionsValidator.ThrowIfInvalid(options);
        var settings = options.ToNodeSettings();
        var membership = options.Membership;
        var config = HistoryStore.FromSetting(settings.Storage.DatabasePath).ToConfig(settings.Storage.BatchSize)
            .WithFallback(membership is null
                ? ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING")
                : ConfigurationFactory.ParseString("akka.stdout-loglevel = OFF").WithFallback(membership.Akka))
            .WithFallback(NodeConfig.Default);
        return builder
            .AddHocon(config, HoconAddMode.Prepend)
            .WithActors(async (system, registry) =>
            {
                var loggerFactory = DependencyResolver.For(system).Resolver.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
                if (options.OpenedStore is null)
                {
                    var locks = await ComputeStore.OpenAsync(settings, CancellationToken.None).ConfigureAwait(false);
                    options.OpenedStore = locks;
                    _ = system.WhenTerminated.ContinueWith(_ => locks.Dispose(), TaskScheduler.Default);
                }

                var functions = options.Functions ?? ComputeNode.LoadFunctions(settings);
                var peerOptions = PeerOptionsFactory.Create(settings, functions, options.HistoryProps ?? ComputeNode.HistoryProps(settings), options.TimeProvider, loggerFactory);
                var peer = system.ActorOf(PeerActor.Props(peerOptions), "peer");
                registry.Register<PeerActor>(peer);
                if (membership is not null)
                {
                    ClusterClientReceptionist.Get(system).RegisterService(peer); // clients reach it as /user/peer
                    var memory = system.ActorOf(MemoryActor.Props(PeerOptionsFactory.MemoryOptions(settings, options.TimeProvider)), "memory");
                    registry.Register<MemoryActor>(memory);
                    ClusterClientReceptionist.Get(system).RegisterService(memory); // and the shared memory as /user/memory
                    // Clients send their requests here, so the receptionist keeps one response tunnel per client.
                    ClusterClientReceptionist.Get(system).RegisterService(system.ActorOf(ClientGatewayActor.Props(peer, memory), ClientGatewayActor.Name));
                }

                CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceStop, "flush-history", () => FlushAsync(peer, loggerFactory));
            });
    }

    private static async Task<Done> FlushAsync(IActorRef peer, ILoggerFactory loggerFactory)
    {
        try
        {
            await peer.Ask<HistoryFlushed>(new FlushHistory(), TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AskTimeoutException or InvalidCastException or TaskCanceledException)
        {
            loggerFactory.CreateLogger("AkkaCompute.Node").LogWarning(e, "history flush before shutdown failed: {Message}", e.Message);
        }

        return Done.Instance;
    }
}
