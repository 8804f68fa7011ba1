using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Configuration;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run remote</c>: Akka.Remote (DotNetty TCP) between two processes on 127.0.0.1, this one and a
/// <see cref="RemotePeer"/> child, with the bench's own <see cref="RemotePingSerializer"/> for the message. Once per
/// mode: plain TCP, then TLS by Akka's own ssl settings (suffix <c>_tls</c>; mutual authentication, a throw-away CA,
/// <c>suppress-validation = true</c> because that CA is in no trust store). Figures:
/// <list type="bullet">
/// <item><c>remote_pingpong_1pair_msgs_per_s</c> (1 message in flight) and <c>remote_pingpong_8pairs_msgs_per_s</c>
/// (8 pairs x <see cref="Plan.WindowPerPair"/> in flight): each pair is a local <see cref="RemotePingerActor"/> that keeps
/// its window of <see cref="RemotePing"/> messages in flight to its own remote echo actor. msgs/s counts the messages
/// received by both sides (2 per round trip), over the measured interval (after a warm-up, before the window drains).
/// Baseline, same run, interleaved: <see cref="RawEcho"/>, one raw TCP connection (TLS in the TLS mode) with the same
/// total window and frames of the serialized message's size, counted the same way. Best of <see cref="Plan.Runs"/> runs
/// each; every run and the bytes this process allocated per round trip go to stderr.</item>
/// <item><c>remote_ask_latency_us_p50</c> / <c>_p99</c>: sequential Asks from a plain thread to a remote echo, after a
/// warm-up; baseline: sequential round trips of one raw frame.</item>
/// <item><c>remote_ask_after_idle_us_p50</c> / <c>_p99</c>: the same Asks, each after a 5 ms pause, so that both processes'
/// threads have parked (as between the steps of one task on a quiet cluster); baseline: the back-to-back Asks above.</item>
/// </list>
/// </summary>
public static class RemoteSuite
{
    private const string Suite = "remote";
    private const int MaxPairs = 8;

    /// <summary>Environment variable that overrides <see cref="Plan.WindowPerPair"/> (for exploring; the figures use the default).</summary>
    private const string WindowVariable = "AKC_BENCH_REMOTE_WINDOW";

    /// <summary>Environment variable naming the modes to run, e.g. <c>none</c> or <c>tls</c> (for exploring; default both).</summary>
    private const string ModesVariable = "AKC_BENCH_REMOTE_MODES";

    /// <summary>Runs the suite; <paramref name="quick"/> measures shorter (under 60 s in all).</summary>
    public static IEnumerable<BenchResult> Run(bool quick)
    {
        var plan = quick ? Plan.Quick : Plan.Full;
        if (int.TryParse(Environment.GetEnvironmentVariable(WindowVariable), out var window) && window > 0)
        {
            plan = plan with { WindowPerPair = window };
        }

        var modes = Environment.GetEnvironmentVariable(ModesVariable) is { Length: > 0 } only
            ? only.Split(',').Select(m => m.Trim().ToLowerInvariant()).ToArray()
            : ["none", "tls"];
        foreach (var mode in modes)
        {
            if (mode is not ("none" or "tls"))
            {
                throw new ArgumentException($"{ModesVariable}: unknown mode '{mode}' (none, tls)");
            }

            foreach (var result in RunMode(mode == "tls", plan))
            {
                yield return result;
            }
        }
    }

    /// <summary>
    /// The Akka configuration of both processes: provider remote, DotNetty TCP on 127.0.0.1 with any free port, the bench
    /// serializer bound to <see cref="RemotePing"/>; with <paramref name="pfx"/>, TLS from that PKCS#12 file.
    /// </summary>
    internal static Config Config(string? pfx, string? password)
    {
        var serializer = typeof(RemotePingSerializer);
        var message = typeof(RemotePing);
        var hocon = $$"""
            akka {
              loglevel = WARNING
              stdout-loglevel = WARNING
              log-dead-letters = off
              actor {
                provider = remote
                serializers { bench-ping = "{{serializer.FullName}}, {{serializer.Assembly.GetName().Name}}" }
                serialization-bindings { "{{message.FullName}}, {{message.Assembly.GetName().Name}}" = bench-ping }
              }
              remote.dot-netty.tcp {
                hostname = 127.0.0.1
                port = 0
              }
            }
            """;
        if (pfx is not null)
        {
            hocon += $$"""

                akka.remote.dot-netty.tcp {
                  enable-ssl = true
                  ssl {
                    suppress-validation = true
                    require-mutual-authentication = true
                    certificate {
                      path = "{{pfx}}"
                      password = "{{password}}"
                    }
                  }
                }
                """;
        }

        return ConfigurationFactory.ParseString(hocon);
    }

    private static List<BenchResult> RunMode(bool tls, Plan plan)
    {
        var (mode, suffix) = tls ? ("tls", "_tls") : ("none", "");
        var results = new List<BenchResult>();
        using var pki = tls ? new BenchPki() : null;
        using var rawCertificate = pki is null ? null : X509CertificateLoader.LoadPkcs12FromFile(pki.Node1Pfx, pki.PfxPassword);
        using var peer = RemotePeerProcess.Start(mode, MaxPairs, pki);
        var system = ActorSystem.Create("bench", Config(pki?.Node1Pfx, pki?.PfxPassword));
        try
        {
            var echoes = Enumerable.Range(0, MaxPairs)
                .Select(i => system.ActorSelection($"{peer.Address}/user/echo-{i}").ResolveOne(TimeSpan.FromSeconds(15)).GetAwaiter().GetResult())
                .ToArray();
            var payloadBytes = system.Serialization.FindSerializerFor(new RemotePing(3, 123_456)).ToBinary(new RemotePing(3, 123_456)).Length;
            Log($"[{mode}] local {((ExtendedActorSystem)system).Provider.DefaultAddress}, peer {peer.Address}, raw port {peer.RawPort}; message payload {payloadBytes} bytes");

            // Warm-up (JIT, connection set-up) of both paths, not counted.
            RawRun(peer.RawPort, rawCertificate, payloadBytes, plan.WindowPerPair, plan.Warmup, plan.Warmup);
            ActorRun(system, echoes, 1, plan.WindowPerPair, plan.Warmup, plan.Warmup);

            foreach (var (pairs, window) in new[] { (1, 1), (MaxPairs, plan.WindowPerPair) })
            {
                double bestActor = 0, bestRaw = 0;
                for (var run = 0; run < plan.Runs; run++)
                {
                    var raw = RawRun(peer.RawPort, rawCertificate, payloadBytes, pairs * window, plan.Warmup, plan.Measure);
                    var actor = ActorRun(system, echoes, pairs, window, plan.Warmup, plan.Measure);
                    Log($"[{mode}] {pairs} pair(s) x {window} in flight, run {run + 1}: akka {actor:N0} msgs/s, raw {raw:N0} msgs/s ({LoadAverage()})");
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
            var (idleP50, idleP99) = AskLatency(echoes[0], 0, plan.Asks, IdlePause);
            results.Add(new BenchResult(Suite, $"remote_ask_after_idle_us_p50{suffix}", idleP50, "us", askP50));
            results.Add(new BenchResult(Suite, $"remote_ask_after_idle_us_p99{suffix}", idleP99, "us", askP99));
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

        if (!Task.WaitAll([.. counters.Select(c => c.Drained.Task)], TimeSpan.FromSeconds(15)))
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

    /// <summary>The pause before each Ask of <c>remote_ask_after_idle_us</c>: 5 ms, long enough for both processes' threads to park.</summary>
    private static readonly TimeSpan IdlePause = TimeSpan.FromMilliseconds(5);

    /// <summary>Sequential Asks (after <paramref name="warmup"/> unmeasured ones), each after <paramref name="pause"/> if given; p50 and p99 in microseconds.</summary>
    private static (double P50, double P99) AskLatency(IActorRef echo, int warmup, int count, TimeSpan? pause = null)
    {
        var timeout = TimeSpan.FromSeconds(5);
        for (var i = 0; i < warmup; i++)
        {
            echo.Ask<RemotePing>(new RemotePing(0, i), timeout).GetAwaiter().GetResult();
        }

        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (pause is { } idle)
            {
                Thread.Sleep(idle); // a bench, not a test: the idle gap is what is measured
            }

            var start = Stopwatch.GetTimestamp();
            echo.Ask<RemotePing>(new RemotePing(0, i), timeout).GetAwaiter().GetResult();
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

    private static string LoadAverage()
    {
        try
        {
            return "load " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "load ?";
        }
    }

    private static void Log(string line) => Console.Error.WriteLine("remote: " + line);

    /// <summary>How long and how much to measure.</summary>
    /// <param name="WindowPerPair">Messages each of the 8 pairs keeps in flight (the 1-pair figure keeps 1).</param>
    /// <param name="Warmup">Run time before the measured interval of each run.</param>
    /// <param name="Measure">The measured interval of each run.</param>
    /// <param name="Runs">Runs per figure (the best counts), each of the actors and of the baseline, interleaved.</param>
    /// <param name="AskWarmup">Asks (and raw round trips) before the measured ones.</param>
    /// <param name="Asks">Measured Asks (and raw round trips).</param>
    private sealed record Plan(int WindowPerPair, TimeSpan Warmup, TimeSpan Measure, int Runs, int AskWarmup, int Asks)
    {
        public static Plan Quick { get; } = new(100, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1500), 1, 500, 3_000);

        public static Plan Full { get; } = new(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 3, 2_000, 20_000);
    }
}
