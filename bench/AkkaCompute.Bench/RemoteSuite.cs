using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AkkaCompute.Actors;
using AkkaCompute.Remote;
using AkkaCompute.Remote.Security;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run remote</c>: remoting between two processes on loopback (this one and a <see cref="RemotePeer"/> child),
/// once per security mode (none, then TLS with suffix <c>_tls</c>, then PSK with suffix <c>_psk</c>):
/// <list type="bullet">
/// <item><c>remote_pingpong_1pair_msgs_per_s</c> and <c>remote_pingpong_8pairs_msgs_per_s</c>: each pair is a local
/// <see cref="RemotePingerActor"/> that keeps <see cref="Plan.WindowPerPair"/> <see cref="RemotePing"/> messages in flight to
/// its own remote echo actor. <b>msgs/s counts the messages received by both sides</b>: every reply the local actors
/// count stands for two messages (the ping the echo received and the reply), so the figure is 2 × replies / wall
/// seconds of the measured interval (after a warm-up, before the window drains). Baseline, measured in the same run,
/// interleaved with the actor runs: <see cref="RawEcho"/>, one connection (TLS in the TLS mode, plain TCP otherwise:
/// PSK only authenticates the handshake) with the same total window (pairs × window) and frames of the same payload size
/// as the serialized message, counted the same way. Best of <see cref="Plan.Runs"/> runs each. The baseline does no
/// per-message work beyond a copy (one 64 KiB read carries thousands of frames), so its ratio is the share of the link's
/// capacity that remoting's per-message costs (envelope with both paths and the manifest, serialization, dispatch,
/// allocation) leave; stderr shows each run and the bytes this process allocated per round trip.</item>
/// <item><c>remote_ask_latency_us_p50</c> / <c>_p99</c>: sequential Asks from a plain thread to a remote echo, after a
/// warm-up; baseline: sequential round trips of one raw frame.</item>
/// </list>
/// </summary>
public static class RemoteSuite
{
    private const string Suite = "remote";
    private const int MaxPairs = 8;

    /// <summary>Environment variable that overrides <see cref="Plan.WindowPerPair"/> (for exploring; the figures use the default).</summary>
    private const string WindowVariable = "AKC_BENCH_REMOTE_WINDOW";

    /// <summary>Environment variable naming the security modes to run, e.g. <c>none,psk</c> (for exploring; default all three).</summary>
    private const string ModesVariable = "AKC_BENCH_REMOTE_MODES";

    /// <summary>Runs the suite; <paramref name="quick"/> measures shorter (under 60 s in all, against about 3 minutes).</summary>
    public static IEnumerable<BenchResult> Run(bool quick)
    {
        var plan = quick ? Plan.Quick : Plan.Full;
        if (int.TryParse(Environment.GetEnvironmentVariable(WindowVariable), out var window) && window > 0)
        {
            plan = plan with { WindowPerPair = window };
        }

        var modes = Environment.GetEnvironmentVariable(ModesVariable) is { Length: > 0 } only
            ? only.Split(',').Select(m => Enum.Parse<RemoteSecurityMode>(m.Trim(), ignoreCase: true)).ToArray()
            : [RemoteSecurityMode.None, RemoteSecurityMode.Tls, RemoteSecurityMode.Psk];
        foreach (var mode in modes)
        {
            foreach (var result in RunMode(mode, plan))
            {
                yield return result;
            }
        }
    }

    /// <summary>The remoting settings of both processes: loopback, any free port, the security of <paramref name="mode"/>.</summary>
    internal static RemoteSettings Settings(RemoteSecurityMode mode, string? cert, string? key, string? ca, string? psk) => new()
    {
        Hostname = "127.0.0.1",
        Port = 0,
        SecurityMode = mode,
        Tls = mode == RemoteSecurityMode.Tls ? new TlsSettings { CertificatePath = cert ?? "", KeyPath = key, CaCertificatePath = ca ?? "" } : null,
        Psk = mode == RemoteSecurityMode.Psk ? new PskSettings { Key = psk } : null,
    };

    private static List<BenchResult> RunMode(RemoteSecurityMode mode, Plan plan)
    {
        var suffix = mode switch
        {
            RemoteSecurityMode.Tls => "_tls",
            RemoteSecurityMode.Psk => "_psk",
            _ => "",
        };
        var results = new List<BenchResult>();
        using var pki = mode == RemoteSecurityMode.Tls ? new BenchPki() : null;
        var psk = mode == RemoteSecurityMode.Psk ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : null;
        using var rawCertificate = pki is null ? null : X509Certificate2.CreateFromPemFile(pki.Node1Cert, pki.Node1Key);
        using var peer = RemotePeerProcess.Start(mode, MaxPairs, pki, psk);
        var system = ActorSystem.Create("bench-local");
        try
        {
            var remoting = Remoting.Start(system, Settings(mode, pki?.Node1Cert, pki?.Node1Key, pki?.CaPath, psk));
            var echoes = ResolveEchoes(system, peer.Address, MaxPairs, mode);
            var payloadBytes = PayloadBytes(remoting);
            Log($"[{mode}] local {remoting.Address}, peer {peer.Address}, raw port {peer.RawPort}; message payload {payloadBytes} bytes");

            // Warm-up (JIT, connection set-up) of both paths, not counted.
            RawRun(peer.RawPort, rawCertificate, payloadBytes, plan.WindowPerPair, plan.Warmup, plan.Warmup);
            ActorRun(system, echoes, 1, plan.WindowPerPair, plan.Warmup, plan.Warmup);

            foreach (var pairs in new[] { 1, MaxPairs })
            {
                double bestActor = 0, bestRaw = 0;
                for (var run = 0; run < plan.Runs; run++)
                {
                    var raw = RawRun(peer.RawPort, rawCertificate, payloadBytes, pairs * plan.WindowPerPair, plan.Warmup, plan.Measure);
                    var actor = ActorRun(system, echoes, pairs, plan.WindowPerPair, plan.Warmup, plan.Measure);
                    Log($"[{mode}] {pairs} pair(s) run {run + 1}: actors {actor:N0} msgs/s, raw {raw:N0} msgs/s");
                    bestActor = Math.Max(bestActor, actor);
                    bestRaw = Math.Max(bestRaw, raw);
                }

                var name = pairs == 1 ? "1pair" : $"{pairs}pairs";
                results.Add(new BenchResult(Suite, $"remote_pingpong_{name}_msgs_per_s{suffix}", bestActor, "msgs/s", bestRaw));
            }

            var (askP50, askP99) = AskLatency(echoes[0], plan.AskWarmup, plan.Asks);
            var (rawP50, rawP99) = RawLatency(peer.RawPort, rawCertificate, payloadBytes, plan.AskWarmup, plan.Asks);
            results.Add(new BenchResult(Suite, $"remote_ask_latency_us_p50{suffix}", askP50, "us", rawP50));
            results.Add(new BenchResult(Suite, $"remote_ask_latency_us_p99{suffix}", askP99, "us", rawP99));
            return results;
        }
        finally
        {
            if (!system.Terminate().Wait(TimeSpan.FromSeconds(10)))
            {
                Log($"[{mode}] the local actor system did not terminate within 10 s");
            }
        }
    }

    /// <summary>
    /// The remote echo refs (with uid): from <c>ResolveOne</c> when Identify replies cross the wire, otherwise from the
    /// sender of a reply to one message sent through the selection (<see cref="AnchorActor"/>).
    /// </summary>
    private static IActorRef[] ResolveEchoes(ActorSystem system, string peerAddress, int count, RemoteSecurityMode mode)
    {
        var echoes = new IActorRef[count];
        var useResolveOne = true;
        for (var i = 0; i < count; i++)
        {
            var path = $"{peerAddress}/user/echo-{i}";
            if (useResolveOne)
            {
                try
                {
                    echoes[i] = system.ActorSelection(path).ResolveOne(TimeSpan.FromSeconds(i == 0 ? 5 : 10)).GetAwaiter().GetResult();
                    continue;
                }
                catch (Exception e) when (e is TimeoutException or ActorNotFoundException)
                {
                    Log($"[{mode}] ResolveOne({path}) failed ({e.GetType().Name}); taking the echoes' refs from the senders of replies instead");
                    useResolveOne = false;
                }
            }

            var result = new TaskCompletionSource<IActorRef>(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new AnchorActor(path, result)));
            if (!result.Task.Wait(TimeSpan.FromSeconds(15)))
            {
                throw new TimeoutException($"no reply from {path} within 15 s: remoting between the bench and its peer does not work");
            }

            echoes[i] = result.Task.Result;
        }

        return echoes;
    }

    /// <summary>The serialized size of one <see cref="RemotePing"/>: the raw baseline's frames carry as many payload bytes.</summary>
    private static int PayloadBytes(Remoting remoting)
    {
        var buffer = new ArrayBufferWriter<byte>();
        remoting.Serialization.Serialize(new RemotePing(3, 123_456), buffer, out _, out _);
        return buffer.WrittenCount;
    }

    /// <summary>One actor measurement: new pinger actors, warm-up, measured interval, then stop and drain.</summary>
    private static double ActorRun(ActorSystem system, IActorRef[] echoes, int pairs, int window, TimeSpan warmup, TimeSpan measure)
    {
        var counters = Enumerable.Range(0, pairs).Select(_ => new PairCounters()).ToArray();
        var pingers = new IActorRef[pairs];
        for (var i = 0; i < pairs; i++)
        {
            var (echo, pair, c) = (echoes[i], i, counters[i]);
            pingers[i] = system.ActorOf(Props.Create(() => new RemotePingerActor(echo, pair, window, c)));
        }

        Thread.Sleep(warmup);
        var before = counters.Sum(c => c.Received);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gcsBefore = GC.CollectionCount(0);
        var start = Stopwatch.GetTimestamp();
        Thread.Sleep(measure);
        var after = counters.Sum(c => c.Received);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var gcs = GC.CollectionCount(0) - gcsBefore;
        if (after > before)
        {
            Log($"  {pairs} pair(s): this process allocated {allocated / (after - before):N0} bytes per round trip (one message sent, one received), {gcs} gen0 GCs in {seconds:N1} s");
        }

        foreach (var c in counters)
        {
            c.Stopping = true;
        }

        if (!Task.WaitAll(counters.Select(c => c.Drained.Task).ToArray(), TimeSpan.FromSeconds(15)))
        {
            Log($"warning: {counters.Count(c => !c.Drained.Task.IsCompleted)} of {pairs} pairs did not get their whole window back within 15 s (messages lost?)");
        }

        foreach (var p in pingers)
        {
            system.Stop(p);
        }

        return 2 * (after - before) / seconds;
    }

    /// <summary>One raw measurement with <paramref name="window"/> frames in flight on one connection.</summary>
    private static double RawRun(int port, X509Certificate2? certificate, int payloadBytes, int window, TimeSpan warmup, TimeSpan measure)
    {
        using var client = new RawEcho.Client(port, payloadBytes, certificate);
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                client.RunWindow(window);
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true, Name = "raw-client" };
        thread.Start();
        Thread.Sleep(warmup);
        var before = client.Received;
        var start = Stopwatch.GetTimestamp();
        Thread.Sleep(measure);
        var after = client.Received;
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        client.Stop();
        if (!thread.Join(TimeSpan.FromSeconds(15)))
        {
            throw new TimeoutException("the raw client did not get its window back within 15 s");
        }

        if (failure is not null)
        {
            throw new InvalidOperationException("the raw ping-pong failed: " + failure.Message, failure);
        }

        return 2 * (after - before) / seconds;
    }

    private static (double P50, double P99) AskLatency(IActorRef echo, int warmup, int count)
    {
        var timeout = TimeSpan.FromSeconds(5);
        for (var i = 0; i < warmup; i++)
        {
            echo.Ask<object>(new RemotePing(0, i), timeout).GetAwaiter().GetResult();
        }

        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            echo.Ask<object>(new RemotePing(0, i), timeout).GetAwaiter().GetResult();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        return Percentiles(samples);
    }

    private static (double P50, double P99) RawLatency(int port, X509Certificate2? certificate, int payloadBytes, int warmup, int count)
    {
        using var client = new RawEcho.Client(port, payloadBytes, certificate);
        client.RoundTrips(warmup);
        return Percentiles(client.RoundTrips(count));
    }

    private static (double P50, double P99) Percentiles(double[] samples)
    {
        Array.Sort(samples);
        return (samples[samples.Length / 2], samples[(int)(samples.Length * 0.99)]);
    }

    private static void Log(string line) => Console.Error.WriteLine("remote: " + line);

    /// <summary>How long and how much to measure.</summary>
    /// <param name="WindowPerPair">Messages each pair keeps in flight (8 pairs: 8 × this; the send queue holds 20,000).</param>
    /// <param name="Warmup">Run time before the measured interval of each run.</param>
    /// <param name="Measure">The measured interval of each run.</param>
    /// <param name="Runs">Runs per figure (the best counts), each of the actors and of the baseline, interleaved.</param>
    /// <param name="AskWarmup">Asks (and raw round trips) before the measured ones.</param>
    /// <param name="Asks">Measured Asks (and raw round trips).</param>
    private sealed record Plan(int WindowPerPair, TimeSpan Warmup, TimeSpan Measure, int Runs, int AskWarmup, int Asks)
    {
        public static Plan Quick { get; } = new(500, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1500), 1, 500, 3_000);

        public static Plan Full { get; } = new(500, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 3, 2_000, 20_000);
    }
}
