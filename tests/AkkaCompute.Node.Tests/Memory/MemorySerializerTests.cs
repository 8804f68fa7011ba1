using AkkaCompute.Compute.Memory;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Node.Memory;

namespace AkkaCompute.Node.Tests.Memory;

/// <summary>The shared memory's values and messages go through <see cref="MemorySerializer"/> and come back equal.</summary>
public sealed class MemorySerializerTests() : Akka.TestKit.Xunit2.TestKit(TestConfig.Base)
{
    private T RoundTrip<T>(T message)
        where T : notnull => SerializationAssert.RoundTrips<MemorySerializer, T>(Sys, message);

    [Fact]
    public void Entries_requests_and_replies_round_trip()
    {
        var entry = new MemoryEntry("{\"a\":[1,2]}", "alice", new DateTimeOffset(2026, 12, 6, 22, 0, 0, TimeSpan.Zero));
        Assert.Equal(entry, RoundTrip(entry));
        Assert.Equal(new MemorySet("k", "1", MemoryConsistency.All, "bob"), RoundTrip(new MemorySet("k", "1", MemoryConsistency.All, "bob")));
        Assert.Equal(new MemoryGet("k", MemoryConsistency.Majority), RoundTrip(new MemoryGet("k", MemoryConsistency.Majority)));
        Assert.Equal(new MemoryDelete("k"), RoundTrip(new MemoryDelete("k")));
        Assert.Equal(new MemoryList("p/", 5), RoundTrip(new MemoryList("p/", 5)));
        Assert.Equal(entry, RoundTrip(new MemoryValue("k", entry)).Entry);
        Assert.Null(RoundTrip(new MemoryValue("k", null)).Entry);
        Assert.Equal(new MemoryWritten("k", true), RoundTrip(new MemoryWritten("k", true)));
        Assert.Equal(new MemoryFailed("k", "quota", "max-memory-keys"), RoundTrip(new MemoryFailed("k", "quota", "max-memory-keys")));
        var listing = RoundTrip(new MemoryListing([new MemoryListingEntry("k", entry)], 1, 20));
        Assert.Equal(entry, Assert.Single(listing.Entries).Entry);
        Assert.Equal((1, 20L), (listing.Total, listing.TotalBytes));
    }

    [Fact]
    public void Unknown_manifests_and_bad_bytes_are_refused_with_the_manifest_named()
    {
        var serializer = new MemorySerializer((Akka.Actor.ExtendedActorSystem)Sys);
        var unknown = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary([], "akc.memory-nope.v1"));
        Assert.Contains("akc.memory-nope.v1", unknown.Message);
        var bad = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary("{oops"u8.ToArray(), "akc.memory-entry.v1"));
        Assert.Contains("akc.memory-entry.v1", bad.Message);
        Assert.Throws<ArgumentException>(() => serializer.ToBinary("not a memory message"));
    }
}
