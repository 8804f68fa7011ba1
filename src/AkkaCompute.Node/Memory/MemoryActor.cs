using System.Text.Json;
using Akka.Actor;
using Akka.DistributedData;
using AkkaCompute.Compute.Memory;
using AkkaCompute.Compute.Protocol;

namespace AkkaCompute.Node.Memory;

/// <summary>
/// The shared memory of a cluster member (<c>/user/memory</c>, registered with the ClusterClient receptionist): a key-value
/// map replicated by Akka.DistributedData as <see cref="MemoryKeys.Buckets"/> last-writer-wins maps
/// (<c>LWWDictionary</c>, keys <c>akc-memory-0</c> ... <c>akc-memory-63</c>), read and written with the consistency each
/// request names (<see cref="MemoryConsistency"/>). Quotas (<see cref="MemoryLimits"/>) are checked against this member's
/// <see cref="MemoryView"/>, which follows every bucket by subscription, so they hold cluster-wide up to what gossip has not
/// brought yet. Thin: the rules live in <see cref="MemoryView"/> and <see cref="MemoryKeys"/>.
/// Answers <see cref="MemoryGet"/> with <see cref="MemoryValue"/>, <see cref="MemorySet"/> and <see cref="MemoryDelete"/> with
/// <see cref="MemoryWritten"/>, <see cref="MemoryList"/> with <see cref="MemoryListing"/>, and any of them with
/// <see cref="MemoryFailed"/> when the request is bad, over a quota, or not confirmed in time.
/// </summary>
public sealed class MemoryActor : ReceiveActor
{
    /// <summary>How long a delete's tombstone stays in the replicated map before it is pruned: 10 minutes (gossip has spread it by then).</summary>
    public static readonly TimeSpan TombstoneRetention = TimeSpan.FromMinutes(10);

    /// <summary>Most keys one <see cref="MemoryList"/> returns: 10,000.</summary>
    public const int MaxListLimit = 10_000;

    private static readonly LWWDictionaryKey<string, MemoryEntry>[] BucketKeys =
        Enumerable.Range(0, MemoryKeys.Buckets).Select(b => new LWWDictionaryKey<string, MemoryEntry>($"akc-memory-{b}")).ToArray();

    private static readonly Dictionary<string, int> BucketOfId = BucketKeys.Select((k, b) => (k.Id, b)).ToDictionary(p => p.Id, p => p.b);

    private readonly MemoryOptions _options;
    private readonly MemoryView _view = new();
    private readonly IActorRef _replicator;
    private readonly Akka.Cluster.Cluster _cluster;

    /// <summary>Stands as the writer of this member's tombstones, so that only the member that deleted a key prunes it.</summary>
    private readonly string _selfTag;

    /// <summary>Creates the actor; the system must be a cluster member (Akka.DistributedData needs one).</summary>
    /// <param name="options">Limits, timeout and clock.</param>
    public MemoryActor(MemoryOptions options)
    {
        _options = options;
        _cluster = Akka.Cluster.Cluster.Get(Context.System);
        _replicator = DistributedData.Get(Context.System).Replicator;
        _selfTag = "member:" + _cluster.SelfUniqueAddress;
        Receive<Changed>(Changed);
        Receive<MemoryGet>(Get);
        Receive<MemorySet>(Set);
        Receive<MemoryDelete>(Delete);
        Receive<MemoryList>(List);
        Receive<IGetResponse>(GetAnswered);
        Receive<IUpdateResponse>(UpdateAnswered);
    }

    /// <summary>Props for the actor.</summary>
    /// <param name="options">Limits, timeout and clock.</param>
    /// <returns>The props.</returns>
    public static Props Props(MemoryOptions options) => Akka.Actor.Props.Create(() => new MemoryActor(options));

    /// <inheritdoc />
    protected override void PreStart()
    {
        foreach (var key in BucketKeys)
        {
            _replicator.Tell(Dsl.Subscribe(key, Self));
        }
    }

    private void Changed(Changed changed)
    {
        if (BucketOfId.TryGetValue(changed.Key.Id, out var bucket))
        {
            var data = changed.Get(BucketKeys[bucket]);
            _view.ReplaceBucket(bucket, data.Entries);

            // Tombstones this member wrote, old enough that every replica has them, leave the map.
            var cutoff = _options.TimeProvider.GetUtcNow() - TombstoneRetention;
            var stale = data.Entries.Where(e => e.Value.Deleted && e.Value.UpdatedAt < cutoff && e.Value.Client == _selfTag).Select(e => e.Key).ToList();
            if (stale.Count > 0)
            {
                _replicator.Tell(Dsl.Update(BucketKeys[bucket], LWWDictionary<string, MemoryEntry>.Empty, WriteLocal.Instance,
                    d => stale.Aggregate(d, (map, key) => map.TryGetValue(key, out var e) && e.Deleted ? map.Remove(_cluster, key) : map)));
            }
        }
    }

    private void Get(MemoryGet get)
    {
        if (MemoryKeys.Problem(get.Key) is { } problem)
        {
            Sender.Tell(new MemoryFailed(get.Key ?? string.Empty, "key: " + problem));
            return;
        }

        var bucket = MemoryKeys.BucketOf(get.Key);
        _replicator.Tell(Dsl.Get(BucketKeys[bucket], Read(get.Consistency), new Pending(Sender, get.Key, bucket, get.Consistency)));
    }

    private void Set(MemorySet set)
    {
        var problem = MemoryKeys.Problem(set.Key) is { } p ? "key: " + p : JsonProblem(set.Json);
        if (problem is not null)
        {
            Sender.Tell(new MemoryFailed(set.Key ?? string.Empty, problem));
            return;
        }

        var entry = new MemoryEntry(set.Json, string.IsNullOrWhiteSpace(set.ClientId) ? MemoryEntry.AnonymousClient : set.ClientId, _options.TimeProvider.GetUtcNow());
        if (_view.CheckWrite(set.Key, entry, _options.Limits) is { } refusal)
        {
            Sender.Tell(new MemoryFailed(set.Key, refusal.ToString(), refusal.Quota));
            return;
        }

        _view.Apply(set.Key, entry);
        Update(set.Key, set.Consistency, (d, _) => d.SetItem(_cluster, set.Key, entry));
    }

    private void Delete(MemoryDelete delete)
    {
        if (MemoryKeys.Problem(delete.Key) is { } problem)
        {
            Sender.Tell(new MemoryFailed(delete.Key ?? string.Empty, "key: " + problem));
            return;
        }

        _view.Apply(delete.Key, null);
        var tombstone = new MemoryEntry("null", _selfTag, _options.TimeProvider.GetUtcNow(), Deleted: true);
        Update(delete.Key, delete.Consistency, (d, existed) => existed ? d.SetItem(_cluster, delete.Key, tombstone) : d);
    }

    /// <summary>
    /// Updates <paramref name="key"/>'s bucket with <paramref name="consistency"/>; <paramref name="modify"/> gets the bucket and
    /// whether it holds the key, and the answer (<see cref="UpdateAnswered"/>) goes to the sender.
    /// </summary>
    private void Update(string key, MemoryConsistency consistency, Func<LWWDictionary<string, MemoryEntry>, bool, LWWDictionary<string, MemoryEntry>> modify)
    {
        var bucket = MemoryKeys.BucketOf(key);
        var pending = new Pending(Sender, key, bucket, consistency);
        _replicator.Tell(Dsl.Update(
            BucketKeys[bucket],
            LWWDictionary<string, MemoryEntry>.Empty,
            Write(consistency),
            pending,
            d =>
            {
                pending.Existed = d.TryGetValue(key, out var current) && !current.Deleted;
                return modify(d, pending.Existed);
            }));
    }

    private void List(MemoryList list)
    {
        if (list.Limit is < 1 or > MaxListLimit)
        {
            Sender.Tell(new MemoryFailed(string.Empty, $"limit: must be 1 to {MaxListLimit} (was {list.Limit})"));
            return;
        }

        var entries = _view.List(list.Prefix ?? string.Empty, list.Limit).Select(kv => new MemoryListingEntry(kv.Key, kv.Value)).ToList();
        Sender.Tell(new MemoryListing(entries, _view.Count, _view.TotalBytes));
    }

    private void GetAnswered(IGetResponse response)
    {
        if (response.Request is not Pending pending)
        {
            return;
        }

        object reply = response switch
        {
            GetSuccess success => new MemoryValue(pending.Key, success.Get(BucketKeys[pending.Bucket]).TryGetValue(pending.Key, out var entry) && !entry.Deleted ? entry : null),
            NotFound => new MemoryValue(pending.Key, null),
            _ => new MemoryFailed(pending.Key, $"not read: {Members(pending.Consistency)} did not answer within {_options.Timeout.TotalSeconds:0.###} s"),
        };
        pending.ReplyTo.Tell(reply);
    }

    private void UpdateAnswered(IUpdateResponse response)
    {
        if (response.Request is not Pending pending)
        {
            return;
        }

        object reply = response switch
        {
            UpdateSuccess => new MemoryWritten(pending.Key, pending.Existed),
            UpdateTimeout => new MemoryFailed(pending.Key, $"written on the contact member, which spreads it by gossip, but {Members(pending.Consistency)} did not confirm it within {_options.Timeout.TotalSeconds:0.###} s"),
            IUpdateFailure failure => new MemoryFailed(pending.Key, "not written: " + failure.Cause.Message),
            _ => new MemoryFailed(pending.Key, "not written: " + response),
        };
        pending.ReplyTo.Tell(reply);
    }

    private static string? JsonProblem(string? json)
    {
        if (json is null)
        {
            return "value: must be JSON text (got none)";
        }

        try
        {
            using var _ = JsonDocument.Parse(json);
            return null;
        }
        catch (JsonException e)
        {
            return "value: not valid JSON: " + e.Message;
        }
    }

    private static string Members(MemoryConsistency consistency) => consistency == MemoryConsistency.All ? "some members" : "a majority of the members";

    private IReadConsistency Read(MemoryConsistency consistency) => consistency switch
    {
        MemoryConsistency.Majority => new ReadMajority(_options.Timeout),
        MemoryConsistency.All => new ReadAll(_options.Timeout),
        _ => ReadLocal.Instance,
    };

    private IWriteConsistency Write(MemoryConsistency consistency) => consistency switch
    {
        MemoryConsistency.Majority => new WriteMajority(_options.Timeout),
        MemoryConsistency.All => new WriteAll(_options.Timeout),
        _ => WriteLocal.Instance,
    };

    /// <summary>
    /// A request waiting for the replicator. <see cref="Existed"/> is set by the update's modify function, which the
    /// replicator runs on its own replica before it answers, so the answer's handler reads what the replica held.
    /// </summary>
    private sealed record Pending(IActorRef ReplyTo, string Key, int Bucket, MemoryConsistency Consistency)
    {
        public volatile bool Existed;
    }
}
