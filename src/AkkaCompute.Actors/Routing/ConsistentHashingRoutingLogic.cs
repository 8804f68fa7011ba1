using System.Text;

namespace AkkaCompute.Actors.Routing;

/// <summary>
/// Consistent hashing (Karger et al., "Consistent hashing and random trees", STOC 1997): each routee
/// owns <c>virtualNodesFactor</c> points on a 32-bit ring; a message goes to the first point at or
/// after the hash of its key, so that adding or removing a routee moves only the keys near its points.
/// The key comes from <see cref="IConsistentHashable"/>, or the hash mapping; a message without a key
/// goes to dead letters. Keys hash with FNV-1a over UTF-8 of their text form.
/// </summary>
public sealed class ConsistentHashingRoutingLogic(Func<object, object?>? hashMapping = null, int virtualNodesFactor = 10) : RoutingLogic
{
    private (IReadOnlyList<Routee> Routees, uint[] Points, Routee[] Owners)? _ring;

    /// <inheritdoc />
    public override Routee Select(object message, IReadOnlyList<Routee> routees)
    {
        if (routees.Count == 0)
        {
            return NoRoutee.Instance;
        }

        var key = message is IConsistentHashable h ? h.ConsistentHashKey : hashMapping?.Invoke(message);
        if (key is null)
        {
            return NoRoutee.Instance;
        }

        var ring = _ring;
        if (ring is null || !ReferenceEquals(ring.Value.Routees, routees))
        {
            ring = Build(routees);
            _ring = ring;
        }

        var points = ring.Value.Points;
        var hash = Hash(key);
        var i = Array.BinarySearch(points, hash);
        if (i < 0)
        {
            i = ~i;
        }

        return ring.Value.Owners[i == points.Length ? 0 : i];
    }

    /// <summary>FNV-1a (32-bit) of the key's bytes, followed by a murmur3 finalizer for spread.</summary>
    public static uint Hash(object key)
    {
        var bytes = key as byte[] ?? Encoding.UTF8.GetBytes(key.ToString() ?? string.Empty);
        var h = 2166136261u;
        foreach (var b in bytes)
        {
            h = (h ^ b) * 16777619u;
        }

        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }

    private (IReadOnlyList<Routee>, uint[], Routee[]) Build(IReadOnlyList<Routee> routees)
    {
        var entries = new List<(uint Point, Routee Owner)>(routees.Count * virtualNodesFactor);
        foreach (var r in routees)
        {
            var id = r.ActorRef?.Path.ToString() ?? r.ToString()!;
            for (var v = 0; v < virtualNodesFactor; v++)
            {
                entries.Add((Hash(id + ":" + v.ToString(System.Globalization.CultureInfo.InvariantCulture)), r));
            }
        }

        entries.Sort((a, b) => a.Point.CompareTo(b.Point));
        return (routees, entries.Select(e => e.Point).ToArray(), entries.Select(e => e.Owner).ToArray());
    }
}
