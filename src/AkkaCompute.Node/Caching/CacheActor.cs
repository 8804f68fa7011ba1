using System.Text.Json;
using Akka.Actor;
using AkkaCompute.Compute.Caching;

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
/// </summary>
public sealed class CacheActor : ReceiveActor
{
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
        Receive<CachePut>(p => cache.Put(p.Key, p.Value, clock.GetUtcNow()));
        Receive<GetCacheStats>(_ => Sender.Tell(cache.Stats, Self));
    }

    /// <summary>Props for the cache.</summary>
    /// <param name="capacity">Most entries; at least 1.</param>
    /// <param name="ttl">Entry lifetime; positive.</param>
    /// <param name="clock">The clock entries age by; default the system clock.</param>
    public static Props Props(int capacity, TimeSpan ttl, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new CacheActor(capacity, ttl, clock ?? TimeProvider.System));
}
