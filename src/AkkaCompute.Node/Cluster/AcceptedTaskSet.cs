using Akka.DistributedData;
using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Node.Cluster;

/// <summary>
/// The cluster-wide accepted-task set (DESIGN.md: "acceptance survives the loss of any single node"): Akka.DistributedData
/// <see cref="LWWDictionary{TKey,TValue}"/>s of <see cref="AcceptedTask.Key"/> to <see cref="AcceptedTask"/>, split over
/// <see cref="Buckets"/> keys (<c>akc-accepted-0</c> to <c>akc-accepted-31</c>) so that no single replicated value grows
/// past a remoting frame while many tasks are in flight, and a batch's write carries only its buckets' deltas. A home writes
/// a batch with <c>WriteMajority</c> before it acknowledges it, updates entries with their results (<c>WriteLocal</c>; gossip
/// spreads them) and removes them a retention time after they finished; a successor home reads them with
/// <c>ReadMajority</c>, which meets every majority write.
/// </summary>
public static class AcceptedTaskSet
{
    /// <summary>How many keys the set is split over: 32.</summary>
    public const int Buckets = 32;

    private static readonly LWWDictionaryKey<string, AcceptedTask>[] Keys =
        Enumerable.Range(0, Buckets).Select(i => new LWWDictionaryKey<string, AcceptedTask>("akc-accepted-" + i)).ToArray();

    /// <summary>Every bucket's key, index = bucket.</summary>
    public static IReadOnlyList<LWWDictionaryKey<string, AcceptedTask>> AllKeys => Keys;

    /// <summary>The key of the bucket that holds the entry with key <paramref name="entryKey"/> (<see cref="AcceptedTask.BucketOf"/>).</summary>
    public static LWWDictionaryKey<string, AcceptedTask> KeyFor(string entryKey) => Keys[AcceptedTask.BucketOf(entryKey, Buckets)];

    /// <summary>True when <paramref name="key"/> is one of the set's bucket keys.</summary>
    public static bool IsBucket(IKey key) => key is LWWDictionaryKey<string, AcceptedTask> && key.Id.StartsWith("akc-accepted-", StringComparison.Ordinal);
}
