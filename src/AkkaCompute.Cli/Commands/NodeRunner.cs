using System.Runtime.InteropServices;
using AkkaCompute.Actors;
using AkkaCompute.Cli.Management;
using AkkaCompute.Cluster;
using AkkaCompute.Hosting.Settings;
using AkkaCompute.Remote;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// Runs one cluster node for <c>akc node</c>: loads the settings (reference.conf, the file, <c>AKC__*</c> variables, <c>--set</c>),
/// starts the actor system named <c>akc.system-name</c>, remoting (<c>akc.remote</c>), cluster membership (<c>akc.cluster</c>) and the
/// management endpoint (<c>akc.management</c>), then prints two lines on stdout that scripts and tests can read:
/// <code>
/// node akc.tcp://akc@127.0.0.1:2552 uid 7311203370193211204
/// management http://127.0.0.1:8558/
/// </code>
/// followed by one line per membership event. SIGINT or SIGTERM (or the cancellation token) runs the coordinated shutdown: the node
/// leaves the cluster gracefully (bounded by the shutdown phase timeouts) and exits 0. When the cluster removes the node (after
/// <c>akc cluster leave</c>, or downed by an operator or the split-brain resolver) it shuts down by itself: exit 0 after a leave,
/// 1 after being downed. Exit 2: invalid settings, or a port in use.
/// </summary>
internal sealed class NodeRunner(TextWriter stdout, TextWriter stderr)
{
    private readonly TextWriter _out = TextWriter.Synchronized(stdout);

    public async Task<int> RunAsync(string? configFile, IReadOnlyDictionary<string, string> overrides, string logLevel, CancellationToken ct)
    {
        NodeSettings settings;
        try
        {
            settings = NodeSettingsLoader.Load(configFile, Environment.GetEnvironmentVariable, overrides);
        }
        catch (SettingsException e)
        {
            await stderr.WriteLineAsync("akc node: " + e.Message);
            return AkcApp.ExitBadInput;
        }

        using var loggerFactory = NodeLogging.Create(logLevel);
        var system = ActorSystem.Create(settings.SystemName, new ActorSystemSettings { LoggerFactory = loggerFactory });
        ManagementServer? management = null;
        try
        {
            var remoting = Remoting.Start(system, settings.Remote);
            var cluster = Cluster.Cluster.Start(system, settings.Cluster, new ClusterRunOptions { CoreOptions = settings.ClusterCore });
            if (settings.Management.Enabled)
            {
                management = await StartManagementAsync(cluster, settings.Management, loggerFactory, ct);
            }

            await _out.WriteLineAsync($"node {remoting.Address} uid {remoting.Uid}");
            await _out.WriteLineAsync(management is null ? "management off" : $"management {management.Endpoint}");
            var selfStatus = new NodeSelfStatus();
            var printer = system.ActorOf(Props.Create(() => new NodeEventPrinter(_out, cluster.SelfUniqueAddress, selfStatus)), "node-events");
            cluster.Subscribe(printer, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(MemberEvent), typeof(ReachabilityEvent), typeof(LeaderChanged));
            var stopRequested = await WaitForEndAsync(system, ct);
            var code = stopRequested || selfStatus.Value is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Removed ? AkcApp.ExitOk : AkcApp.ExitFailed;
            await _out.WriteLineAsync(code == AkcApp.ExitOk
                ? $"node {remoting.Address} stopped"
                : $"node {remoting.Address} was downed by the cluster (last status {selfStatus.Value}); restart it to rejoin with a new uid");
            return code;
        }
        catch (ConfigurationException e)
        {
            await stderr.WriteLineAsync("akc node: " + e.Message);
            return AkcApp.ExitBadInput;
        }
        finally
        {
            if (management is not null)
            {
                await management.DisposeAsync();
            }

            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        }
    }

    private static async Task<ManagementServer> StartManagementAsync(Cluster.Cluster cluster, ClusterManagementSettings settings, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        try
        {
            return await ManagementServer.StartAsync(cluster, settings, loggerFactory, ct);
        }
        catch (IOException e)
        {
            throw new ConfigurationException("akc.management.port", $"{settings.Hostname}:{settings.Port}", $"cannot listen: {e.Message}");
        }
    }

    /// <summary>Waits until the system terminated; true when a signal or the token asked for it, false when the cluster removed the node.</summary>
    private static async Task<bool> WaitForEndAsync(ActorSystem system, CancellationToken ct)
    {
        var requested = 0;
        void Stop()
        {
            Interlocked.Exchange(ref requested, 1);
            _ = CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; Stop(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; Stop(); });
        using var onCancel = ct.Register(Stop);
        await system.WhenTerminated;
        return Volatile.Read(ref requested) == 1;
    }
}
