using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>real_failure_removed_s</c> of <c>bench/run membership</c>: five <c>akc node</c> processes (Akka.Cluster members) on 127.0.0.1 with the lan profile
/// (hocon/lan.conf, Akka's keys), joined through the first two as seeds. Once all five see five Up members, converged, one non-seed is killed with
/// SIGKILL and every survivor's management endpoint (<c>GET /cluster</c>) is polled every 20 ms, concurrently, until it no longer lists
/// the victim. A round's figure is the time from the kill until the last survivor answered without it. Between rounds the victim is
/// restarted on its port (a new uid) and the next round waits for five Up members again; the rounds kill the three non-seeds in turn.
/// <para>
/// The nodes run the akc.dll of the same build as the bench: the bench project references src/AkkaCompute.Cli with
/// <c>ReferenceOutputAssembly=false</c>, so building the bench (<c>bench/run</c> builds Release) builds the CLI first in the same
/// Configuration, and the csproj writes the path that build reports (its TargetPath) and the path of hocon/lan.conf into the bench
/// assembly as <c>[AssemblyMetadata("AkcDll")]</c> and <c>[AssemblyMetadata("LanConf")]</c>. Nothing depends on the bin layout.
/// </para>
/// Every node is killed on every path (also when the bench exits or is stopped by SIGTERM, SIGINT or SIGHUP; not when it is itself
/// SIGKILLed), and the temp directory is deleted.
/// </summary>
internal static class RealClusterFailure
{
    private const int NodeCount = 5;
    private const int SeedCount = 2;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs <paramref name="rounds"/> kills and returns, per round, the seconds from kill -9 until Removed on every survivor.</summary>
    /// <exception cref="InvalidOperationException">The cluster did not form, or the victim was not removed, within 60 s.</exception>
    public static IReadOnlyList<double> Measure(int rounds) => MeasureAsync(rounds).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<double>> MeasureAsync(int rounds)
    {
        var akc = Metadata("AkcDll");
        var lan = Metadata("LanConf");
        var dir = Directory.CreateTempSubdirectory("akc-bench-cluster-");
        var ports = FreeLoopbackPorts(NodeCount);
        var nodes = new Node[NodeCount];
        var started = new ConcurrentBag<Node>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        async Task<Node> Launch(int slot)
        {
            var node = Node.Start(akc, lan, dir.FullName, ports[slot], ports[..SeedCount]);
            started.Add(node);
            await node.WaitStartedAsync();
            return node;
        }

        try
        {
            var all = await Task.WhenAll(Enumerable.Range(0, NodeCount).Select(Launch));
            all.CopyTo(nodes, 0);
            await AwaitUpAsync(http, nodes);
            var times = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var slot = SeedCount + (round % (NodeCount - SeedCount));
                var victim = nodes[slot];
                var survivors = nodes.Where(n => n != victim).ToList();
                var killedAt = Stopwatch.GetTimestamp();
                victim.KillHard();
                var removedAt = await Task.WhenAll(survivors.Select(s => AwaitRemovedAsync(http, s, victim, killedAt)));
                times.Add(Stopwatch.GetElapsedTime(killedAt, removedAt.Max()).TotalSeconds);
                if (round + 1 < rounds)
                {
                    nodes[slot] = await Launch(slot);
                    await AwaitUpAsync(http, nodes);
                }
            }

            return times;
        }
        finally
        {
            foreach (var node in started)
            {
                node.Dispose();
            }

            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is not worth failing the bench for.
            }
        }
    }

    /// <summary>Polls every node until each sees exactly the five current incarnations as Up, all reachable, converged.</summary>
    private static async Task AwaitUpAsync(HttpClient http, IReadOnlyList<Node> nodes)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var views = await Task.WhenAll(nodes.Select(n => TryStatusAsync(http, n)));
            if (views.All(v => v is { Convergence: true, Unreachable.Count: 0 } && v.Members.Count == nodes.Count &&
                               nodes.All(n => v.Members.Any(m => m.Address == n.Address && m.Uid == n.Uid && m.Status == "Up"))))
            {
                return;
            }

            if (clock.Elapsed > Deadline)
            {
                var seen = nodes.Zip(views, (n, v) => $":{n.Port} {(v is null ? "no answer" : $"{(v.Convergence ? "converged" : "not converged")}, {string.Join(", ", v.Members.Select(m => $"{m.Address}={m.Status}"))}, {v.Unreachable.Count} unreachable")}");
                throw new InvalidOperationException(
                    $"the {nodes.Count}-node akc cluster did not form (every node seeing {nodes.Count} Up members, converged) within {Deadline.TotalSeconds:0} s; last seen:\n  " +
                    string.Join("\n  ", seen) + "\n" + string.Join("\n", nodes.Select(n => n.Describe())));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Polls <paramref name="survivor"/> every 20 ms until its members no longer include the victim; returns when it answered so.</summary>
    private static async Task<long> AwaitRemovedAsync(HttpClient http, Node survivor, Node victim, long killedAt)
    {
        while (true)
        {
            var view = await TryStatusAsync(http, survivor);
            var answeredAt = Stopwatch.GetTimestamp();
            if (view is not null && view.Members.All(m => m.Address != victim.Address))
            {
                return answeredAt;
            }

            if (survivor.HasExited || Stopwatch.GetElapsedTime(killedAt, answeredAt) > Deadline)
            {
                var last = view is null ? "no answer" : string.Join(", ", view.Members.Select(m => $"{m.Address}={m.Status}"));
                throw new InvalidOperationException(
                    $"{survivor.Address} did not remove the SIGKILLed {victim.Address} within {Deadline.TotalSeconds:0} s" +
                    $"{(survivor.HasExited ? " (the survivor exited)" : "")}; its last members: {last}\n{survivor.Describe()}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>The node's <c>GET /cluster</c>, or null when it does not answer.</summary>
    private static async Task<ClusterView?> TryStatusAsync(HttpClient http, Node node)
    {
        try
        {
            return await http.GetFromJsonAsync<ClusterView>(new Uri(node.Management, "cluster"), Json);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    private static string Metadata(string key) =>
        typeof(RealClusterFailure).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } path && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"the bench was built without [AssemblyMetadata(\"{key}\")] pointing at an existing file; build it through bench/run (AkkaCompute.Bench.csproj sets it)");

    /// <summary>Free TCP ports on loopback, found by binding port 0 (all held at once so that they differ) and releasing them.</summary>
    private static int[] FreeLoopbackPorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    /// <summary>The part of the management endpoint's <c>ClusterStatusDto</c> the bench reads.</summary>
    private sealed record ClusterView(bool Convergence, IReadOnlyList<MemberView> Members, IReadOnlyList<UnreachableView> Unreachable);

    /// <summary>One member of <see cref="ClusterView"/>.</summary>
    private sealed record MemberView(string Address, long Uid, string Status);

    /// <summary>One unreachable member of <see cref="ClusterView"/>.</summary>
    private sealed record UnreachableView(string Address);

    /// <summary>
    /// One <c>dotnet exec akc.dll node</c> process: listening on its port, joining through the seeds' ports, management on a free
    /// port; it prints <c>node ADDRESS uid UID</c> and <c>management URL</c> when up. Killed with SIGKILL on dispose.
    /// </summary>
    private sealed class Node : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _tail = new();
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Node(Process process, int port)
        {
            _process = process;
            Port = port;
        }

        /// <summary>The remoting port on 127.0.0.1.</summary>
        public int Port { get; }

        /// <summary>The address the node printed, <c>akka.tcp://akc@127.0.0.1:PORT</c>.</summary>
        public string Address { get; private set; } = "";

        /// <summary>The incarnation uid the node printed.</summary>
        public long Uid { get; private set; }

        /// <summary>The management endpoint the node printed.</summary>
        public Uri Management { get; private set; } = null!;

        /// <summary>True once the process is gone.</summary>
        public bool HasExited => _process.HasExited;

        /// <summary>Starts the process (without waiting for it; see <see cref="WaitStartedAsync"/>).</summary>
        public static Node Start(string akc, string lanConf, string workDir, int port, IEnumerable<int> seedPorts)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workDir,
            };
            string[] args =
            [
                "exec", akc, "node", "--config", lanConf,
                "--hostname", "127.0.0.1",
                "--port", port.ToString(CultureInfo.InvariantCulture),
                "--set", "management.hostname=127.0.0.1",
                "--set", "management.port=0",
                "--log-level", "warning",
                .. seedPorts.SelectMany(p => new[] { "--seed", $"akka.tcp://akc@127.0.0.1:{p}" }),
            ];
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }

            foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("AKC__", StringComparison.Ordinal)).ToList())
            {
                info.Environment.Remove(key);
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet " + akc);
            ChildProcesses.Track(process);
            var node = new Node(process, port);
            process.OutputDataReceived += (_, e) => node.OnStdout(e.Data);
            process.ErrorDataReceived += (_, e) => node.Keep(e.Data is null ? null : "stderr: " + e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return node;
        }

        /// <summary>Waits until the node printed its address and management endpoint.</summary>
        /// <exception cref="InvalidOperationException">It exited or said nothing within 60 s.</exception>
        public async Task WaitStartedAsync()
        {
            try
            {
                await _started.Task.WaitAsync(Deadline);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                throw new InvalidOperationException($"akc node on port {Port} did not start within {Deadline.TotalSeconds:0} s ({e.Message})\n{Describe()}", e);
            }
        }

        /// <summary>
        /// kill -9: <see cref="Process.Kill()"/> sends SIGKILL on Unix, to the dotnet host process, which is the node itself
        /// (<c>dotnet exec</c> runs the app in-process). No leave, no goodbye: the others learn it only from their failure detectors.
        /// </summary>
        public void KillHard()
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        /// <summary>The node's last output lines, for error messages.</summary>
        public string Describe()
        {
            string exit;
            try
            {
                exit = _process.HasExited ? $" exited {_process.ExitCode}" : "";
            }
            catch (InvalidOperationException)
            {
                exit = " disposed";
            }

            return $"[akc node :{Port}{exit}]\n  {string.Join("\n  ", _tail)}";
        }

        /// <inheritdoc />
        public void Dispose()
        {
            ChildProcesses.Kill(_process);
            ChildProcesses.Forget(_process);
            _process.Dispose();
        }


        private void OnStdout(string? line)
        {
            Keep(line);
            if (line is null)
            {
                _started.TrySetException(new InvalidOperationException("it closed its output"));
                return;
            }

            var parts = line.Split(' ');
            if (parts is ["node", var address, "uid", var uid])
            {
                Address = address;
                Uid = long.Parse(uid, CultureInfo.InvariantCulture);
            }
            else if (parts is ["management", var url] && Uri.TryCreate(url, UriKind.Absolute, out var endpoint))
            {
                Management = endpoint;
                _started.TrySetResult();
            }
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            _tail.Enqueue(line);
            while (_tail.Count > 30)
            {
                _tail.TryDequeue(out _);
            }
        }
    }
}
