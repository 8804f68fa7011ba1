using Akka.Actor;
using Akka.Cluster;
using AkkaCompute.Compute.Memory;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Node.Memory;
using AkkaCompute.Node.Tests.Cluster;
using Xunit;

namespace AkkaCompute.Node.Tests.Memory;

/// <summary>The shared memory over three members on loopback: consistency levels, cluster-wide quotas, bad requests.</summary>
public sealed class MemoryActorTests : ClusterTestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_majority_write_on_one_member_is_read_by_a_majority_read_on_another_and_reaches_every_replica()
    {
        var (a, b, c) = StartThree(MemoryLimits.Default);

        var written = await a.Ask<object>(new MemorySet("model/version", "\"v2\"", MemoryConsistency.Majority, "alice"), Wait);
        Assert.Equal(new MemoryWritten("model/version", false), written);

        var read = Assert.IsType<MemoryValue>(await b.Ask<object>(new MemoryGet("model/version", MemoryConsistency.Majority), Wait));
        Assert.Equal("\"v2\"", read.Entry?.Json);
        Assert.Equal("alice", read.Entry?.Client);

        // Gossip brings it to the third replica's local view as well.
        await AwaitAssertAsync(async () =>
        {
            var local = Assert.IsType<MemoryValue>(await c.Ask<object>(new MemoryGet("model/version"), Wait));
            Assert.Equal("\"v2\"", local.Entry?.Json);
        }, Wait);

        var replaced = await c.Ask<object>(new MemorySet("model/version", "{\"tag\":3}", MemoryConsistency.All, "alice"), Wait);
        Assert.Equal(new MemoryWritten("model/version", true), replaced);
        var again = Assert.IsType<MemoryValue>(await a.Ask<object>(new MemoryGet("model/version", MemoryConsistency.All), Wait));
        Assert.Equal("{\"tag\":3}", again.Entry?.Json);

        Assert.Equal(new MemoryWritten("model/version", true), await b.Ask<object>(new MemoryDelete("model/version", MemoryConsistency.Majority), Wait));
        var gone = Assert.IsType<MemoryValue>(await a.Ask<object>(new MemoryGet("model/version", MemoryConsistency.Majority), Wait));
        Assert.Null(gone.Entry);
    }

    [Fact]
    public async Task A_clients_key_quota_holds_across_members()
    {
        var (a, b, c) = StartThree(MemoryLimits.Default with { MaxKeysPerClient = 2 });

        Assert.IsType<MemoryWritten>(await a.Ask<object>(new MemorySet("k1", "1", MemoryConsistency.All, "bob"), Wait));
        Assert.IsType<MemoryWritten>(await b.Ask<object>(new MemorySet("k2", "2", MemoryConsistency.All, "bob"), Wait));

        // Once the third member's replica holds both keys, it refuses bob's third key, and still takes another client's.
        await AwaitAssertAsync(async () => Assert.Equal(2, (await c.Ask<MemoryListing>(new MemoryList(), Wait)).Total), Wait);
        var refused = Assert.IsType<MemoryFailed>(await c.Ask<object>(new MemorySet("k3", "3", MemoryConsistency.Local, "bob"), Wait));
        Assert.Equal("max-memory-keys", refused.Quota);
        Assert.Contains("limit 2", refused.Error);
        Assert.IsType<MemoryWritten>(await c.Ask<object>(new MemorySet("k3", "3", MemoryConsistency.Local, "carol"), Wait));

        // Replacing a key bob holds does not count as a new key.
        Assert.IsType<MemoryWritten>(await c.Ask<object>(new MemorySet("k1", "10", MemoryConsistency.Local, "bob"), Wait));
    }

    [Fact]
    public async Task Bad_keys_values_and_limits_are_refused_with_a_reason_and_write_nothing()
    {
        var (a, _, _) = StartThree(MemoryLimits.Default with { MaxValueBytes = 16 });

        var badJson = Assert.IsType<MemoryFailed>(await a.Ask<object>(new MemorySet("k", "{not json", MemoryConsistency.Local), Wait));
        Assert.StartsWith("value: not valid JSON", badJson.Error);
        var emptyKey = Assert.IsType<MemoryFailed>(await a.Ask<object>(new MemoryGet(string.Empty), Wait));
        Assert.Equal("key: a key must not be empty", emptyKey.Error);
        var tooBig = Assert.IsType<MemoryFailed>(await a.Ask<object>(new MemorySet("k", "\"" + new string('x', 40) + "\"", MemoryConsistency.Local), Wait));
        Assert.Equal("max-value-bytes", tooBig.Quota);
        var badLimit = Assert.IsType<MemoryFailed>(await a.Ask<object>(new MemoryList(Limit: 0), Wait));
        Assert.StartsWith("limit:", badLimit.Error);

        var listing = await a.Ask<MemoryListing>(new MemoryList(), Wait);
        Assert.Equal(0, listing.Total);
    }

    private (IActorRef A, IActorRef B, IActorRef C) StartThree(MemoryLimits limits)
    {
        var options = new MemoryOptions { Limits = limits, Timeout = TimeSpan.FromSeconds(5) };
        var b = Member("b");
        var c = Member("c");
        var refs = new[] { Sys, b, c }.Select(s => s.ActorOf(MemoryActor.Props(options), "memory")).ToArray();
        var seed = Akka.Cluster.Cluster.Get(Sys).SelfAddress;
        foreach (var system in new[] { Sys, b, c })
        {
            Akka.Cluster.Cluster.Get(system).Join(seed);
        }

        AwaitCondition(() => new[] { Sys, b, c }.All(s => Akka.Cluster.Cluster.Get(s).State.Members.Count(m => m.Status == MemberStatus.Up) == 3), TimeSpan.FromSeconds(30));
        return (refs[0], refs[1], refs[2]);
    }
}
