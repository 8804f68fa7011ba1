using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using AkkaCompute.Compute.Caching;
using AkkaCompute.Compute.Protocol;

namespace AkkaCompute.Node.Caching;

/// <summary>One lookup of a <see cref="CacheLookupAll"/>: a result by content key.</summary>
/// <param name="Key">The content key (SHA-256 of function and canonical args, with the input files' fingerprint mixed in: <c>CacheKey.WithInputs</c>).</param>
/// <param name="Correlation">Returned in the reply (e.g. the task id).</param>
public sealed record CacheLookup(string Key, string Correlation);

/// <summary>A cached result was found.</summary>
/// <param name="Correlation">From the lookup.</param>
/// <param name="Value">The cached result.</param>
public sealed record CacheHit(string Correlation, JsonElement Value);

/// <summary>Stores a successful result under its content key.</summary>
/// <param name="Key">The content key.</param>
/// <param name="Value">The result.</param>
public sealed record CachePut(string Key, JsonElement Value);

/// <summary>
/// Looks up many results in one message; the reply is one <see cref="CacheLookupResults"/>, so that the tasks that
/// missed reach the scheduler together and start in priority order (not in the order their lookups came back).
/// </summary>
/// <param name="Lookups">The keys and their correlations, in the order the caller wants the misses back.</param>
public sealed record CacheLookupAll(IReadOnlyList<CacheLookup> Lookups);

/// <summary>The answer to a <see cref="CacheLookupAll"/>.</summary>
/// <param name="Hits">The lookups that found a live result.</param>
/// <param name="Misses">The correlations of the others, in the order they were asked.</param>
public sealed record CacheLookupResults(IReadOnlyList<CacheHit> Hits, IReadOnlyList<string> Misses);

/// <summary>Asks for the cache's counters; the reply is <see cref="CacheStats"/>.</summary>
public sealed record GetCacheStats;

/// <summary>
/// The node's result cache: a thin actor around <see cref="ResultCache"/> (TTL plus true LRU), with
/// time from the system's clock. Only successful results are stored (the PeerActor only puts those).
/// On a cluster member the cache is shared: the results put here are sent every <see cref="ShareInterval"/> to the cache
/// at the same path on every other member (<see cref="SharedCacheEntries"/>, through <see cref="CacheShareBuffer"/>), which
/// stores them without sending them on, so a result cached on any member is found by the others before they run the
/// task again (within one interval; outputs over 16 KiB stay local).
/// </summary>
public sealed class CacheActor : ReceiveActor, IWithTimers
{
    /// <summary>How long put results wait before they are sent to the other members together: 200 ms.</summary>
    public static readonly TimeSpan ShareInterval = TimeSpan.FromMilliseconds(200);

    private readonly CacheShareBuffer _outbox = new();
    private readonly Cluster.MembershipView _members = new();
    private string? _selfAddress;

    /// <summary>Creates the cache.</summary>
    /// <param name="capacity">Most entries; at least 1.</param>
    /// <param name="ttl">Entry lifetime; positive.</param>
    /// <param name="clock">The clock entries age by.</param>
    public CacheActor(int capacity, TimeSpan ttl, TimeProvider clock)
    {
        var cache = new ResultCache(capacity, ttl);
        Receive<CacheLookupAll>(all =>
        {
            var now = clock.GetUtcNow();
            var hits = new List<CacheHit>();
            var misses = new List<string>();
            foreach (var l in all.Lookups)
            {
                if (cache.TryGet(l.Key, now, out var v))
                {
                    hits.Add(new CacheHit(l.Correlation, v));
                }
                else
                {
                    misses.Add(l.Correlation);
                }
            }

            Sender.Tell(new CacheLookupResults(hits, misses), Self);
        });
        Receive<CachePut>(p =>
        {
            cache.Put(p.Key, p.Value, clock.GetUtcNow());
            if (_selfAddress is not null && _members.Members.Count > 1 && _outbox.Add(p.Key, p.Value) && !Timers.IsTimerActive(FlushKey))
            {
                Timers.StartSingleTimer(FlushKey, ShareFlush.Instance, ShareInterval);
            }
        });
        Receive<SharedCacheEntries>(shared =>
        {
            var now = clock.GetUtcNow();
            foreach (var e in shared.Entries)
            {
                cache.Put(e.Key, e.Value, now);
            }
        });
        Receive<ShareFlush>(_ => Flush());
        Receive<ClusterEvent.IMemberEvent>(e => _members.Apply(e));
        Receive<GetCacheStats>(_ => Sender.Tell(cache.Stats, Self));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private const string FlushKey = "share-cache";

    /// <summary>The timer message that sends the waiting results to the other members.</summary>
    private sealed class ShareFlush
    {
        public static readonly ShareFlush Instance = new();
    }

    /// <summary>Props for the cache.</summary>
    /// <param name="capacity">Most entries; at least 1.</param>
    /// <param name="ttl">Entry lifetime; positive.</param>
    /// <param name="clock">The clock entries age by; default the system clock.</param>
    public static Props Props(int capacity, TimeSpan ttl, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new CacheActor(capacity, ttl, clock ?? TimeProvider.System));

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (Context.System is ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider })
        {
            var cluster = Akka.Cluster.Cluster.Get(Context.System);
            _selfAddress = cluster.SelfAddress.ToString();
            cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));
        }
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (_selfAddress is not null)
        {
            Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        }
    }

    private void Flush()
    {
        var messages = _outbox.Drain();
        foreach (var member in _members.Members.Where(m => m.Address != _selfAddress))
        {
            var cache = Context.ActorSelection(Cluster.MembershipView.PathOn(member.Address, Self.Path));
            foreach (var message in messages)
            {
                cache.Tell(message, Self);
            }
        }
    }
}
