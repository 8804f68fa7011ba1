using System.Diagnostics;
using System.Threading.Channels;
using AkkaCompute.Actors;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run actors</c>: message throughput (Akka's PingPong shape), Ask latency and memory per
/// idle actor, with a Channel&lt;T&gt; baseline for the single pair measured in the same run.
/// </summary>
public static class ActorsSuite
{
    private const string Suite = "actors";

    /// <summary>Runs the suite; <paramref name="quick"/> uses smaller counts (under 60 s in all).</summary>
    public static IEnumerable<BenchResult> Run(bool quick)
    {
        var onePairMessages = quick ? 400_000 : 2_000_000;
        var pairsMessages = quick ? 4_000_000 : 20_000_000;
        var asks = quick ? 5_000 : 50_000;
        var idleActors = quick ? 200_000 : 1_000_000;

        ChannelPingPong(onePairMessages / 10);
        var channel = Best(3, () => ChannelPingPong(onePairMessages));
        var onePair = Best(3, () => ActorPingPong(pairs: 1, inFlight: 1, totalMessages: onePairMessages, throughput: 30));
        yield return new BenchResult(Suite, "pingpong_1pair_msgs_per_s", onePair, "msgs/s", channel);

        var pairs = Environment.ProcessorCount * 4;
        var many = Best(3, () => ActorPingPong(pairs, inFlight: 100, totalMessages: pairsMessages, throughput: 30));
        yield return new BenchResult(Suite, "pingpong_pairs_msgs_per_s", many, "msgs/s");

        var (p50, p99) = AskLatency(asks);
        yield return new BenchResult(Suite, "ask_latency_us_p50", p50, "us");
        yield return new BenchResult(Suite, "ask_latency_us_p99", p99, "us");

        yield return new BenchResult(Suite, "actor_bytes_idle", IdleActorBytes(idleActors), "bytes");
    }

    private static double Best(int runs, Func<double> measure) =>
        Enumerable.Range(0, runs).Select(_ => measure()).Max();

    private static double ChannelPingPong(int totalMessages)
    {
        var a = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var b = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var perSide = totalMessages / 2;
        var msg = new object();

        static async Task Loop(ChannelReader<object> input, ChannelWriter<object> output, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var m = await input.ReadAsync().ConfigureAwait(false);
                output.TryWrite(m);
            }
        }

        var sw = Stopwatch.StartNew();
        var t1 = Task.Run(() => Loop(a.Reader, b.Writer, perSide));
        var t2 = Task.Run(() => Loop(b.Reader, a.Writer, perSide));
        a.Writer.TryWrite(msg);
        Task.WaitAll(t1, t2);
        return perSide * 2 / sw.Elapsed.TotalSeconds;
    }

    private static double ActorPingPong(int pairs, int inFlight, int totalMessages, int throughput)
    {
        using var system = ActorSystem.Create("bench", ActorSystemSettings.Default with { Throughput = throughput });
        var perPair = totalMessages / pairs;
        var done = new CountdownEvent(pairs);
        var actors = new List<(IActorRef A, IActorRef B)>();
        for (var i = 0; i < pairs; i++)
        {
            var budget = new PairBudget { Remaining = perPair };
            var a = system.ActorOf(Props.Create(() => new PingPongActor(budget, done)));
            var b = system.ActorOf(Props.Create(() => new PingPongActor(budget, done)));
            actors.Add((a, b));
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

    private static (double P50, double P99) AskLatency(int count)
    {
        using var system = ActorSystem.Create("askbench");
        var echo = system.ActorOf(Props.Create(() => new EchoBenchActor()));
        for (var i = 0; i < 1000; i++)
        {
            echo.Ask<object>(i, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        }

        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            echo.Ask<object>(i, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(samples);
        return (samples[count / 2], samples[(int)(count * 0.99)]);
    }

    private static double IdleActorBytes(int count)
    {
        using var system = ActorSystem.Create("idlebench");
        var parent = system.ActorOf(Props.Create(() => new EchoBenchActor()), "parent");
        var created = new CountdownEvent(count);
        var refs = new IActorRef[count];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var props = Props.Create(() => new IdleActor(created));
        for (var i = 0; i < count; i++)
        {
            refs[i] = system.ActorOf(props);
        }

        created.Wait();
        var after = GC.GetTotalMemory(true);
        GC.KeepAlive(refs);
        GC.KeepAlive(parent);
        // The refs array itself is part of the measurement; subtract it.
        return (after - before - ((long)count * IntPtr.Size)) / (double)count;
    }

    private sealed class PairBudget
    {
        public long Remaining;
    }

    /// <summary>Replies to every message until the pair has exchanged its budget of messages.</summary>
    private sealed class PingPongActor(PairBudget budget, CountdownEvent done) : ActorBase
    {
        public static readonly object Msg = new();

        protected override bool Receive(object message)
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

            return true;
        }
    }

    private sealed class EchoBenchActor : ActorBase
    {
        protected override bool Receive(object message)
        {
            Sender.Tell(message, Self);
            return true;
        }
    }

    private sealed class IdleActor : ActorBase
    {
        public IdleActor(CountdownEvent created) => created.Signal();

        protected override bool Receive(object message) => true;
    }
}
