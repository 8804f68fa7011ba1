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
    internal static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
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
        var nodes = new BenchNode[NodeCount];
        var started = new ConcurrentBag<BenchNode>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        async Task<BenchNode> Launch(int slot)
        {
            var node = BenchNode.Start(akc, lan, dir.FullName, ports[slot], ports[..SeedCount]);
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
            BenchNode.DisposeAll(started, dir);
        }
    }

    /// <summary>Polls every node until each sees exactly the five current incarnations as Up, all reachable, converged.</summary>
    internal static async Task AwaitUpAsync(HttpClient http, IReadOnlyList<BenchNode> nodes)
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
    private static async Task<long> AwaitRemovedAsync(HttpClient http, BenchNode survivor, BenchNode victim, long killedAt)
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
    private static async Task<ClusterView?> TryStatusAsync(HttpClient http, BenchNode node)
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

    internal static string Metadata(string key) =>
        typeof(RealClusterFailure).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } path && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"the bench was built without [AssemblyMetadata(\"{key}\")] pointing at an existing file; build it through bench/run (AkkaCompute.Bench.csproj sets it)");

    /// <summary>Free TCP ports on loopback, found by binding port 0 (all held at once so that they differ) and releasing them.</summary>
    internal static int[] FreeLoopbackPorts(int count)
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
}
