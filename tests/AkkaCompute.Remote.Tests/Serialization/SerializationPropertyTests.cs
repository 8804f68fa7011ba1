using AkkaCompute.Remote.Serialization;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace AkkaCompute.Remote.Tests.Serialization;

/// <summary>Random messages survive a trip through the registry unchanged.</summary>
public sealed class SerializationPropertyTests
{
    private static Config Config(int maxTest, ulong seed) => FsCheck.Config.QuickThrowOnFailure
        .WithMaxTest(maxTest)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    [Fact]
    public void Random_records_round_trip_through_json()
    {
        var registry = Harness.NewRegistry();
        var gen =
            from number in ArbMap.Default.GeneratorFor<int>()
            from text in ArbMap.Default.GeneratorFor<string>()
            from real in ArbMap.Default.GeneratorFor<double>()
            from big in ArbMap.Default.GeneratorFor<long>()
            from flag in ArbMap.Default.GeneratorFor<bool>()
            from id in ArbMap.Default.GeneratorFor<Guid>()
            from ticks in Gen.Choose(0, int.MaxValue)
            from offsetMinutes in Gen.Choose(-14 * 60, 14 * 60)
            select new Sample(number, text, real, big, flag, id, new DateTimeOffset(ticks * 10_000_000L, TimeSpan.FromMinutes(offsetMinutes)));

        Check.One(Config(500, 20250611UL), Prop.ForAll(Arb.From(gen), sample =>
            Assert.Equal(sample, Harness.RoundTrip(registry, sample))));
    }

    [Fact]
    public void Random_byte_arrays_and_nested_statuses_round_trip()
    {
        var registry = Harness.NewRegistry();
        var gen =
            from bytes in ArbMap.Default.GeneratorFor<byte[]>()
            from depth in Gen.Choose(0, SerializationRegistry.MaxNestingDepth - 2)
            select (bytes, depth);

        Check.One(Config(300, 7UL), Prop.ForAll(Arb.From(gen), x =>
        {
            object message = x.bytes;
            for (var i = 0; i < x.depth; i++)
            {
                message = new Status.Success(message);
            }

            object back = Harness.RoundTrip(registry, message);
            for (var i = 0; i < x.depth; i++)
            {
                back = Assert.IsType<Status.Success>(back).Status!;
            }

            Assert.Equal(x.bytes, Assert.IsType<byte[]>(back));
        }));
    }
}
