using Akka.Actor;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Hosting.Embedding;

/// <summary>
/// What <see cref="AkkaComputeBuilderExtensions.WithAkkaCompute(Akka.Hosting.AkkaConfigurationBuilder, Action{AkkaComputeOptions})"/>
/// and <see cref="AkkaComputeServiceCollectionExtensions.AddAkkaCompute"/> start: a compute node (PeerActor with its scheduler,
/// executors, cache, quota and history) inside an application's own Akka.Hosting actor system. <see cref="Settings"/> holds
/// every node setting (defaults of <c>hocon/reference.conf</c>); the shortcut properties (<see cref="DataDirectory"/>,
/// <see cref="Workers"/>, <see cref="Database"/>, <see cref="FunctionAssemblies"/>) override it when set. Checked by
/// <see cref="AkkaComputeOptionsValidator"/> before the node starts; an invalid value stops the start with
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the option.
/// </summary>
public sealed class AkkaComputeOptions
{
    /// <summary>The configuration section an application may bind these options from: <c>AkkaCompute</c>.</summary>
    public const string SectionName = "AkkaCompute";

    /// <summary>Every node setting (HOCON <c>akc { }</c>). Default <c>new NodeSettings()</c>: the reference defaults; not null.</summary>
    public NodeSettings Settings { get; set; } = new();

    /// <summary>
    /// <c>akc.storage.data-dir</c>: the node's data directory (its journal <c>akc.db</c> and lock). Null (default) keeps
    /// <see cref="Settings"/>' (<c>.akc/data</c>); when set, not empty or whitespace. Relative to the working directory.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// <c>akc.storage.db</c>: the journal's database: a SQLite file or <c>postgres://user:password@host:port/db</c>. Null
    /// (default) keeps <see cref="Settings"/>' (<c>&lt;data-dir&gt;/akc.db</c>, following <see cref="DataDirectory"/>).
    /// </summary>
    public string? Database { get; set; }

    /// <summary><c>akc.executor.max-concurrent</c>: tasks run at once. Null (default) keeps <see cref="Settings"/>' (the processor count); 1 to 1,024.</summary>
    public int? Workers { get; set; }

    /// <summary>
    /// <c>akc.executor.functions.assemblies</c>: paths of assemblies whose <c>[ComputeFunction]</c> methods tasks may call,
    /// added to those of <see cref="Settings"/>. Each must be an existing file. Default empty; at most 1,000 in all.
    /// </summary>
    public IList<string> FunctionAssemblies { get; } = new List<string>();

    /// <summary>How long <see cref="IComputeService"/> requests to the PeerActor wait. Default 60 s; greater than 0, at most 1 day.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Null (default): a single node in the application's actor system (no remoting). Set: the node is an Akka.Cluster
    /// member whose PeerActor is registered with the ClusterClientReceptionist (as <c>akc node</c>); its
    /// <see cref="ClusterMembership.Akka"/> configuration is added under the application's HOCON.
    /// </summary>
    public ClusterMembership? Membership { get; set; }

    /// <summary>The functions tasks can call. Null (default): the built-ins plus the configured assemblies, loaded at start.</summary>
    public FunctionRegistry? Functions { get; set; }

    /// <summary>The node's clock (timeouts, aging, quotas). Default <see cref="TimeProvider.System"/>; not null.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The history actor's props (tests put a failing one here); null: the journaled <c>HistoryActor</c>.</summary>
    internal Props? HistoryProps { get; set; }

    /// <summary>The store's locks, when something opened it before the actor system started (ComputeNode, the hosted gate).</summary>
    internal NodeStoreLocks? OpenedStore { get; set; }

    /// <summary>
    /// The settings the node runs with: <see cref="Settings"/> with the shortcut properties applied. When only
    /// <see cref="DataDirectory"/> is set, the SQLite journal moves with it.
    /// </summary>
    /// <returns>A new settings record; <see cref="Settings"/> is not changed.</returns>
    /// <exception cref="InvalidOperationException"><see cref="Settings"/> is null.</exception>
    public NodeSettings ToNodeSettings()
    {
        var settings = Settings ?? throw new InvalidOperationException($"{nameof(AkkaComputeOptions)}.{nameof(Settings)} is null");
        var storage = settings.Storage;
        if (DataDirectory is { } dir)
        {
            var dbFollows = Database is null && storage.DatabasePath == Path.Combine(storage.DataDirectory, StorageSettings.DefaultDatabaseFileName);
            storage = storage with
            {
                DataDirectory = dir,
                DatabasePath = dbFollows ? Path.Combine(dir, StorageSettings.DefaultDatabaseFileName) : storage.DatabasePath,
            };
        }

        if (Database is { } db)
        {
            storage = storage with { DatabasePath = db };
        }

        var executor = settings.Executor;
        if (Workers is { } workers)
        {
            executor = executor with { MaxConcurrent = workers };
        }

        if (FunctionAssemblies.Count > 0)
        {
            executor = executor with { FunctionAssemblies = [.. executor.FunctionAssemblies, .. FunctionAssemblies] };
        }

        return settings with { Storage = storage, Executor = executor };
    }
}
