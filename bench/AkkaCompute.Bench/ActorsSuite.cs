using System.Diagnostics;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Configuration;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run actors</c>: plain Akka.NET (1.5, default dispatcher, <see cref="ReceiveActor"/>s) in one process, each
/// figure against a baseline measured in the same run, interleaved with it:
/// <list type="bullet">
/// <item><c>pingpong_1pair_msgs_per_s</c>: two actors bouncing one message (Akka's PingPong shape); baseline: two
/// <see cref="Channel{T}"/> loops on the thread pool doing the same. msgs/s counts deliveries (a round trip is 2).</item>
/// <item><c>pingpong_8pairs_msgs_per_s</c>: 8 pairs, 100 messages in flight per pair; baseline: 8 channel pairs, 100 in
/// flight each.</item>
/// <item><c>ask_latency_us_p50</c> / <c>_p99</c>: sequential <c>Ask</c>s from a plain thread to an echo actor; baseline:
/// a request carrying a <see cref="TaskCompletionSource{T}"/> through a channel to a loop that completes it.</item>
/// <item><c>actor_bytes_idle</c>: managed heap per idle top-level actor (GC.GetTotalMemory delta; no baseline), and
/// <c>actor_spawn_per_s</c>: how fast those actors were created and constructed.</item>
/// </list>
/// Best of 3 interleaved runs for the throughput figures; each run is logged on stderr.
/// </summary>
public static class ActorsSuite
{
    private const string Suite = "actors";
    private const int Runs = 3;
    private const int Pairs = 8;
    private const int InFlight = 100;

    /// <summary>Plain Akka settings for every system of this suite: warnings only, everything else Akka's defaults.</summary>
    private static readonly Config BenchConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        """);

    /// <summary>Runs the suite; <paramref name="quick"/> uses smaller counts (under 60 s in all).</summary>
    public static IEnumerable<BenchResult> Run(bool quick)
    {
        var onePairMessages = quick ? 400_000 : 2_000_000;
        var pairsMessages = quick ? 4_000_000 : 16_000_000;
        var asks = quick ? 5_000 : 50_000;
        var idleActors = quick ? 100_000 : 500_000;

        // Warm-up (JIT, thread pool growth) of both sides, not counted.
        ChannelPingPong(1, 1, onePairMessages / 10);
        ActorPingPong(1, 1, onePairMessages / 10);

        var (onePair, channel) = BestInterleaved("1 pair", () => ActorPingPong(1, 1, onePairMessages), () => ChannelPingPong(1, 1, onePairMessages));
        yield return new BenchResult(Suite, "pingpong_1pair_msgs_per_s", onePair, "msgs/s", channel);

        var (many, manyChannels) = BestInterleaved(
            $"{Pairs} pairs x {InFlight}", () => ActorPingPong(Pairs, InFlight, pairsMessages), () => ChannelPingPong(Pairs, InFlight, pairsMessages));
        yield return new BenchResult(Suite, $"pingpong_{Pairs}pairs_msgs_per_s", many, "msgs/s", manyChannels);

        var (p50, p99) = AskLatency(asks);
        var (channelP50, channelP99) = ChannelAskLatency(asks);
        yield return new BenchResult(Suite, "ask_latency_us_p50", p50, "us", channelP50);
        yield return new BenchResult(Suite, "ask_latency_us_p99", p99, "us", channelP99);

        var (bytes, spawnPerSecond) = IdleActorBytes(idleActors);
        yield return new BenchResult(Suite, "actor_bytes_idle", bytes, "bytes");
        yield return new BenchResult(Suite, "actor_spawn_per_s", spawnPerSecond, "actors/s");
    }

    private static (double Actors, double Baseline) BestInterleaved(string what, Func<double> actors, Func<double> baseline)
    {
        double bestActors = 0, bestBaseline = 0;
        for (var run = 1; run <= Runs; run++)
        {
            var b = baseline();
            var a = actors();
            Console.Error.WriteLine($"actors: {what} run {run}: akka {a:N0} msgs/s, channels {b:N0} msgs/s");
            bestActors = Math.Max(bestActors, a);
            bestBaseline = Math.Max(bestBaseline, b);
        }

        return (bestActors, bestBaseline);
    }

    /// <summary>
    /// <paramref name="pairs"/> pairs of channel loops with <paramref name="inFlight"/> messages each, sharing a per-pair
    /// budget exactly as the actors do; returns deliveries per second.
    /// </summary>
    private static double ChannelPingPong(int pairs, int inFlight, int totalMessages)
    {
        var perPair = totalMessages / pairs;
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = false };
        var done = new CountdownEvent(pairs);
        var loops = new List<Task>();
        var channels = new List<(Channel<object> A, Channel<object> B, PairBudget Budget)>();
        for (var i = 0; i < pairs; i++)
        {
            channels.Add((Channel.CreateUnbounded<object>(options), Channel.CreateUnbounded<object>(options), new PairBudget { Remaining = perPair }));
        }

        static async Task Loop(Channel<object> input, Channel<object> output, PairBudget budget, CountdownEvent done)
        {
            while (await input.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (input.Reader.TryRead(out var m))
                {
                    var left = Interlocked.Decrement(ref budget.Remaining);
                    if (left > 0)
                    {
                        output.Writer.TryWrite(m);
                    }
                    else if (left == 0)
                    {
                        done.Signal();
                        input.Writer.TryComplete();
                        output.Writer.TryComplete();
                    }
                }
            }
        }

        var sw = Stopwatch.StartNew();
        foreach (var (a, b, budget) in channels)
        {
            loops.Add(Task.Run(() => Loop(a, b, budget, done)));
            loops.Add(Task.Run(() => Loop(b, a, budget, done)));
            for (var k = 0; k < inFlight; k++)
            {
                a.Writer.TryWrite(PingPongActor.Msg);
            }
        }

        done.Wait();
        var seconds = sw.Elapsed.TotalSeconds;
        Task.WaitAll([.. loops]);
        return (double)perPair * pairs / seconds;
    }

    private static double ActorPingPong(int pairs, int inFlight, int totalMessages)
    {
        var system = ActorSystem.Create("bench", BenchConfig);
        try
        {
            var perPair = totalMessages / pairs;
            var done = new CountdownEvent(pairs);
            var actors = new List<(IActorRef A, IActorRef B)>();
            for (var i = 0; i < pairs; i++)
            {
                var budget = new PairBudget { Remaining = perPair };
                actors.Add((system.ActorOf(Props.Create(() => new PingPongActor(budget, done))), system.ActorOf(Props.Create(() => new PingPongActor(budget, done)))));
            }

            var sw = Stopwatch.StartNew();
            foreach (var (a, b) in actors)
            {
                for (var k = 0; k < inFlight; k++)
                {
                    a.Tell(PingPongActor.Msg, b);
                }
            }

            done.Wait();
            return (double)perPair * pairs / sw.Elapsed.TotalSeconds;
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
        }
    }

    private static (double P50, double P99) AskLatency(int count)
    {
        var system = ActorSystem.Create("askbench", BenchConfig);
        try
        {
            var echo = system.ActorOf(Props.Create(() => new EchoActor()));
            var timeout = TimeSpan.FromSeconds(5);
            for (var i = 0; i < 5_000; i++)
            {
                echo.Ask<int>(i, timeout).GetAwaiter().GetResult();
            }

            var samples = new double[count];
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                echo.Ask<int>(i, timeout).GetAwaiter().GetResult();
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            return Percentiles(samples);
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>The Ask baseline: a request and its <see cref="TaskCompletionSource{T}"/> through a channel to a loop on the thread pool.</summary>
    private static (double P50, double P99) ChannelAskLatency(int count)
    {
        var requests = Channel.CreateUnbounded<(int Value, TaskCompletionSource<int> Reply)>(new UnboundedChannelOptions { SingleReader = true });
        var server = Task.Run(async () =>
        {
            await foreach (var (value, reply) in requests.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                reply.TrySetResult(value);
            }
        });

        int RoundTrip(int i)
        {
            var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            requests.Writer.TryWrite((i, reply));
            return reply.Task.GetAwaiter().GetResult();
        }

        for (var i = 0; i < 5_000; i++)
        {
            RoundTrip(i);
        }

        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            RoundTrip(i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        requests.Writer.Complete();
        server.Wait();
        return Percentiles(samples);
    }

    private static (double P50, double P99) Percentiles(double[] samples)
    {
        Array.Sort(samples);
        return (samples[samples.Length / 2], samples[(int)(samples.Length * 0.99)]);
    }

    /// <summary>Managed bytes per idle top-level actor, and actors created (constructor run) per second.</summary>
    private static (double Bytes, double SpawnPerSecond) IdleActorBytes(int count)
    {
        // Stopping hundreds of thousands of actors takes longer than the default 10 s of the last shutdown phase.
        var system = ActorSystem.Create("idlebench", ConfigurationFactory.ParseString("akka.coordinated-shutdown.phases.actor-system-terminate.timeout = 120 s").WithFallback(BenchConfig));
        try
        {
            var created = new CountdownEvent(count);
            var refs = new IActorRef[count];
            var props = Props.Create(() => new IdleActor(created));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetTotalMemory(true);
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                refs[i] = system.ActorOf(props);
            }

            created.Wait();
            var spawnPerSecond = count / sw.Elapsed.TotalSeconds;
            var after = GC.GetTotalMemory(true);
            GC.KeepAlive(refs);

            // The refs array itself is part of the delta; subtract it.
            return ((after - before - ((long)count * IntPtr.Size)) / (double)count, spawnPerSecond);
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(120));
        }
    }

    /// <summary>Messages a pair still has to deliver, shared by its two sides.</summary>
    private sealed class PairBudget
    {
        /// <summary>Deliveries left; decremented by both actors (or loops) of the pair.</summary>
        public long Remaining;
    }

    /// <summary>Replies to every message until the pair has delivered its budget of messages.</summary>
    private sealed class PingPongActor : ReceiveActor
    {
        /// <summary>The one message object the pairs bounce.</summary>
        public static readonly object Msg = new();

        /// <summary>One side of a pair; signals <paramref name="done"/> when the pair's budget reaches 0.</summary>
        public PingPongActor(PairBudget budget, CountdownEvent done) =>
            ReceiveAny(message =>
            {
                var left = Interlocked.Decrement(ref budget.Remaining);
                if (left > 0)
                {
                    Sender.Tell(message, Self);
                }
                else if (left == 0)
                {
                    done.Signal();
                }
            });
    }

    /// <summary>Replies to every int with the same int (the Ask target).</summary>
    private sealed class EchoActor : ReceiveActor
    {
        /// <summary>Creates the echo.</summary>
        public EchoActor() => Receive<int>(i => Sender.Tell(i, Self));
    }

    /// <summary>Signals its creation and then does nothing (one string handler, as in the reference measurement).</summary>
    private sealed class IdleActor : ReceiveActor
    {
        /// <summary>Creates the actor and signals <paramref name="created"/>.</summary>
        public IdleActor(CountdownEvent created)
        {
            Receive<string>(_ => { });
            created.Signal();
        }
    }
}
