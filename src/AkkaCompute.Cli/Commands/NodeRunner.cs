using System.Net.Sockets;
using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Cluster;
using AkkaCompute.Cli.Management;
using AkkaCompute.Compute.Execution;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;
using AkkaCompute.Hosting.Storage;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// Runs one Akka.Cluster member for <c>akc node</c>: loads the settings (<c>akc { }</c> over reference.conf, <c>akka { }</c> over
/// hocon/akka.conf, the file, <c>AKC__*</c> variables, <c>--set</c> and the flags), creates the actor system named
/// <c>akc.system-name</c> with that Akka configuration (Akka.Remote DotNetty TCP, Akka.Cluster, the split-brain resolver), starts the
/// management endpoint (<c>akc.management</c>), then prints two lines on stdout that scripts and tests can read:
/// <code>
/// node akka.tcp://akc@127.0.0.1:2552 uid 1311203370
/// management http://127.0.0.1:9110/
/// </code>
/// followed by one line per membership event (<see cref="NodeEventPrinter"/>). SIGINT or SIGTERM (or the cancellation token) runs
/// Akka's coordinated shutdown: the node leaves the cluster gracefully (bounded by the shutdown phase timeouts) and exits 0. When the
/// cluster removes the node it shuts down by itself (<c>akka.cluster.run-coordinated-shutdown-when-down</c>): exit 0 after a leave
/// (<c>akc cluster leave</c>), 1 after being downed by an operator or the split-brain resolver, or when Akka stopped the system for
/// another reason (a failed TLS handshake with a seed, say). The wait for the actor system to terminate is bounded
/// (<see cref="TerminationWait"/>): an actor that never finishes stopping cannot keep a downed node alive; the node logs a warning and
/// exits with the same code. Exit 2: invalid settings, or a port in
/// use (one line on stderr naming the setting).
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

        BearerToken token;
        try
        {
            token = BearerToken.Load(settings.Management, Environment.GetEnvironmentVariable);
        }
        catch (SettingsException e)
        {
            await stderr.WriteLineAsync("akc node: " + e.Message);
            return AkcApp.ExitBadInput;
        }

        var logRing = new LogRing(settings.Management.LogLines);
        using var loggerFactory = NodeLogging.Create(logLevel, logRing);
        if (ReferenceEquals(stdout, Console.Out))
        {
            // stdout carries only the lines above; what Akka prints on its own (its standard-out logger, used while the loggers
            // start and after they stopped) goes to stderr with the log.
            Console.SetOut(Console.Error);
        }

        if (PortTaken(settings) is { } taken)
        {
            await stderr.WriteLineAsync(taken);
            return AkcApp.ExitBadInput;
        }

        ComputeNode node;
        try
        {
            node = await ComputeNode.StartMemberAsync(settings, new ClusterMembership(settings.SystemName, settings.Akka, NodeLogging.AkkaLevel(logLevel)), loggerFactory, ct);
        }
        catch (Exception e) when (e is DataDirectoryInUseException or HistoryStoreException or FunctionRegistrationException)
        {
            await stderr.WriteLineAsync("akc node: " + e.Message + (e is DataDirectoryInUseException ? " (each node needs its own: --set storage.data-dir=DIR)" : ""));
            return AkcApp.ExitBadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var host = settings.Akka.GetString("akka.remote.dot-netty.tcp.hostname");
            var port = settings.Akka.GetString("akka.remote.dot-netty.tcp.port");
            await stderr.WriteLineAsync(BindFailure(e) is { } bind
                ? $"akc node: akka.remote.dot-netty.tcp.port = {host}:{port}: cannot listen: {bind}"
                : $"akc node: the actor system did not start: {Innermost(e).Message}");
            return AkcApp.ExitBadInput;
        }

        var system = node.System;
        ManagementServer? management = null;
        try
        {
            var cluster = Cluster.Get(system);
            if (settings.Management.Enabled)
            {
                try
                {
                    management = await ManagementServer.StartAsync(new ManagementContext(node, cluster, settings.Management) { Token = token, Log = logRing }, loggerFactory, ct);
                }
                catch (IOException e)
                {
                    await stderr.WriteLineAsync($"akc node: akc.management.port = {settings.Management.Hostname}:{settings.Management.Port}: cannot listen: {e.Message}");
                    return AkcApp.ExitBadInput;
                }
            }

            await _out.WriteLineAsync($"node {cluster.SelfAddress} uid {cluster.SelfUniqueAddress.Uid}");
            await _out.WriteLineAsync(management is null ? "management off" : $"management {management.Endpoint}");
            if (management is not null && !token.IsConfigured)
            {
                loggerFactory.CreateLogger("AkkaCompute.Management").LogInformation(
                    "no management token is configured: cluster join, leave, down and down-unreachable are refused (set akc.management.token-file or akc.management.token-env)");
            }
            loggerFactory.CreateLogger("AkkaCompute.Tasks").LogInformation("shell task limits: {Limits}", Running.LimitsDescription.Of(settings.Executor));
            NodeEvents.Start(system, cluster, _out);
            using var trimming = new CancellationTokenSource();
            var trimmer = settings.Management.IdleMemoryTrim is { } idleAfter
                ? IdleMemoryTrimmer.RunAsync(node.ActivityAsync, idleAfter, loggerFactory.CreateLogger("AkkaCompute.Memory"), TimeProvider.System, cancellationToken: trimming.Token)
                : Task.CompletedTask;
            var collector = settings.Management.BurstEndCollectionBytes is { } debt
                ? BurstEndCollector.RunAsync(node.ActivityAsync, debt, loggerFactory.CreateLogger("AkkaCompute.Memory"), TimeProvider.System, cancellationToken: trimming.Token)
                : Task.CompletedTask;
            var (stopRequested, terminated) = await WaitForEndAsync(system, ct);
            if (!terminated)
            {
                loggerFactory.CreateLogger("AkkaCompute.Node").LogWarning(
                    "the actor system had not terminated {Grace} s after its coordinated shutdown ended; the node exits anyway",
                    TerminationWait.DefaultGrace.TotalSeconds);
            }

            await trimming.CancelAsync();
            await trimmer;
            await collector;
            var reason = CoordinatedShutdown.Get(system).ShutdownReason;
            var code = stopRequested || reason is CoordinatedShutdown.ClusterLeavingReason ? AkcApp.ExitOk : AkcApp.ExitFailed;
            await _out.WriteLineAsync(code == AkcApp.ExitOk ? $"node {cluster.SelfAddress} stopped"
                : reason is CoordinatedShutdown.ClusterDowningReason ? $"node {cluster.SelfAddress} was downed by the cluster; restart it to rejoin with a new uid"
                : $"node {cluster.SelfAddress} was stopped by Akka ({reason?.GetType().Name ?? "no reason"}, e.g. a failed TLS handshake); see the log on stderr");
            return code;
        }
        finally
        {
            if (management is not null)
            {
                await management.DisposeAsync();
            }

            await node.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(90), CancellationToken.None);
        }
    }

    /// <summary>
    /// The error line when the remoting port (not 0) cannot be bound, else null. Akka's DotNetty transport binds with address reuse, so a
    /// second node on a port another node listens on would start without listening; a plain listener, bound and released at once, finds it.
    /// </summary>
    private static string? PortTaken(NodeSettings settings)
    {
        var host = settings.Akka.GetString("akka.remote.dot-netty.tcp.hostname");
        var portText = settings.Akka.GetString("akka.remote.dot-netty.tcp.port");
        if (!int.TryParse(portText, out var port) || port == 0 || !System.Net.IPAddress.TryParse(host, out var ip))
        {
            return null;
        }

        try
        {
            var probe = new System.Net.Sockets.TcpListener(ip, port);
            probe.Start();
            probe.Stop();
            return null;
        }
        catch (SocketException e)
        {
            return $"akc node: akka.remote.dot-netty.tcp.port = {host}:{port}: cannot listen: {e.Message}";
        }
    }

    /// <summary>The socket error when remoting could not bind its port, else null.</summary>
    private static string? BindFailure(Exception e)
    {
        for (Exception? x = e; x is not null; x = x is AggregateException a && a.InnerExceptions.Count > 0 ? a.InnerExceptions[0] : x.InnerException)
        {
            if (x is SocketException s)
            {
                return s.Message;
            }

            if (x.Message.Contains("Failed to bind", StringComparison.OrdinalIgnoreCase) && x.InnerException is null)
            {
                return x.Message;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception e)
    {
        var x = e;
        while ((x is AggregateException a && a.InnerExceptions.Count > 0 ? a.InnerExceptions[0] : x.InnerException) is { } inner)
        {
            x = inner;
        }

        return x;
    }

    /// <summary>
    /// Waits until the system terminated, or its coordinated shutdown ended and it still had not terminated
    /// <see cref="TerminationWait.DefaultGrace"/> later (<c>Terminated</c> false). <c>Requested</c>: true when a signal or the token
    /// asked for the stop, false when the cluster (or Akka) ended it.
    /// </summary>
    private static async Task<(bool Requested, bool Terminated)> WaitForEndAsync(ActorSystem system, CancellationToken ct)
    {
        var end = TerminationWait.ForSystemAsync(system, TerminationWait.DefaultGrace, TimeProvider.System);
        var requested = 0;
        void Stop()
        {
            Interlocked.Exchange(ref requested, 1);
            _ = CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; Stop(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; Stop(); });
        using var onCancel = ct.Register(Stop);
        var terminated = await end;
        return (Volatile.Read(ref requested) == 1, terminated);
    }
}
