using Akka.Actor;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Compute.Executors;
using AkkaCompute.Compute.Quotas;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;
using AkkaCompute.Node.Peer;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Hosting.Embedding;

/// <summary>Turns a node's settings into the PeerActor's options: the task runner (functions, shell policy, isolation), limits and clock.</summary>
internal static class PeerOptionsFactory
{
    /// <summary>The PeerActor's options for <paramref name="settings"/>.</summary>
    public static ComputeNodeOptions Create(NodeSettings settings, FunctionRegistry functions, Props historyProps, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        var policy = new CommandPolicy(new CommandPolicyOptions
        {
            DenyRules = settings.Executor.ShellDeny.Select((p, i) => new CommandRule($"akc.executor.shell.deny[{i}]", p)).ToList(),
            AllowPatterns = settings.Executor.ShellAllow,
        });
        var runner = new ProcessIsolatedRunner(
            new DefaultTaskRunner(
                functions,
                new ShellOptions(policy, (int)Math.Min(int.MaxValue, settings.Executor.ShellOutputLimitBytes), settings.Executor.ShellKillGrace, settings.Executor.LimitsPolicy, settings.Executor.ShellCgroups),
                timeProvider,
                loggerFactory.CreateLogger("AkkaCompute.Tasks")),
            settings.Executor.Isolation,
            ComputeNode.WorkerCommand,
            settings.Executor.FunctionAssemblies);
        return new ComputeNodeOptions
        {
            Runner = runner,
            HistoryProps = historyProps,
            CacheKeyOf = CacheKey.For,
            InputFingerprintOf = spec => InputFingerprint.Of(TaskInputFiles.Of(spec, functions)),
            MaxConcurrent = settings.Executor.MaxConcurrent,
            AcceptanceCheck = AcceptanceCheck(settings.Executor.LimitsPolicy),
            DefaultTimeout = settings.Executor.DefaultTimeout,
            TimeoutGrace = settings.Executor.TimeoutGrace,
            MaxAbandoned = settings.Executor.MaxAbandoned,
            DefaultMaxRetries = settings.Executor.MaxRetries,
            BackoffBase = settings.Executor.BackoffBase,
            BackoffMax = settings.Executor.BackoffMax,
            AgingInterval = settings.Scheduler.AgingInterval,
            AgingStep = settings.Scheduler.AgingStep,
            MaxQueued = settings.Scheduler.MaxQueued,
            TagRoles = settings.Scheduler.TagRoles,
            CacheEnabled = settings.Cache.Enabled,
            CacheMaxEntries = settings.Cache.MaxEntries,
            CacheTtl = settings.Cache.Ttl,
            Acceptance = settings.Cluster.Acceptance,
            Placement = settings.Cluster.Placement,
            AcceptanceTimeout = settings.Cluster.AcceptanceTimeout,
            ResultRetention = settings.Cluster.ResultRetention,
            Quotas = new QuotaLimits(settings.Quota.Window, (int)Math.Min(int.MaxValue, settings.Quota.MaxTasksPerWindow), (int)Math.Min(int.MaxValue, settings.Quota.MaxMemoryKeys), settings.Quota.MaxStorageBytes),
            Clock = timeProvider,
        };
    }

    /// <summary>The shared memory's options from the node's settings (<c>akc.memory</c>, and <c>akc.quota</c>'s per-client limits).</summary>
    public static AkkaCompute.Node.Memory.MemoryOptions MemoryOptions(NodeSettings settings, TimeProvider timeProvider) => new()
    {
        Limits = new Compute.Memory.MemoryLimits(settings.Quota.MaxMemoryKeys, settings.Quota.MaxStorageBytes, settings.Memory.MaxValueBytes, settings.Memory.MaxTotalBytes),
        Timeout = settings.Memory.Timeout,
        TimeProvider = timeProvider,
    };

    /// <summary>Refuses, at acceptance, a task this node's limits or confinement would refuse to run; null when the node has none.</summary>
    private static Func<Compute.Tasks.TaskSpec, string?>? AcceptanceCheck(Compute.Execution.Limits.TaskLimitsPolicy limits) =>
        limits == Compute.Execution.Limits.TaskLimitsPolicy.Unlimited
            ? null
            : spec => limits.Problem(spec) is { } problem ? $"task '{spec.Id}': {problem}" : null;
}
