using System.Text.Json;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Compute.Protocol;

/// <summary>
/// Splits tasks into messages that fit Akka.Remote's frame (<c>akka.remote.dot-netty.tcp.maximum-frame-size</c>; the
/// node's hocon/akka.conf sets 4 MiB, Akka's default is 128,000 bytes; a larger message is dropped by the transport with
/// only a log line). Sizes are estimated from the task's variable parts (id, function, arguments, command, environment,
/// inputs) plus a fixed allowance for the rest, a safe upper bound of the JSON that <c>ClusterMessageSerializer</c> writes.
/// </summary>
public static class MessageChunks
{
    /// <summary>The most estimated bytes one message carries: 1 MiB, a quarter of the node's frame, so estimates may be off by 4x.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Fixed allowance per task for the JSON property names and scalar fields: 600 bytes.</summary>
    public const int PerTaskOverhead = 600;

    /// <summary>
    /// The length in bytes of <paramref name="value"/>'s JSON as it was parsed (UTF-8), read without copying it
    /// (<c>JsonMarshal.GetRawUtf8Value</c>); 0 for an undefined element. Sizes estimated per message and per task use it
    /// instead of <c>GetRawText()</c>, which allocates the whole text.
    /// </summary>
    public static int JsonBytes(JsonElement value) =>
        value.ValueKind == JsonValueKind.Undefined ? 0 : System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value).Length;

    /// <summary>An upper estimate of a task's serialized size in bytes (UTF-8 may take up to 3 bytes per UTF-16 unit).</summary>
    public static long EstimateBytes(TaskSpec spec)
    {
        long chars = spec.Id.Length + (spec.Function?.Length ?? 0) + (spec.Command?.Length ?? 0) + (spec.WorkingDirectory?.Length ?? 0)
            + JsonBytes(spec.Args)
            + (spec.Environment?.Sum(kv => kv.Key.Length + kv.Value.Length + 6) ?? 0)
            + (spec.Inputs?.Sum(i => i.Length + 3) ?? 0)
            + spec.DependsOn.Sum(d => d.Length + 3) + spec.Tags.Sum(t => t.Length + 3) + spec.Requires.Sum(r => r.Length + 3)
            + (spec.ClientId?.Length ?? 0);
        return (chars * 3) + PerTaskOverhead;
    }

    /// <summary>
    /// Splits <paramref name="items"/> in order into chunks of at most <paramref name="maxCount"/> items and
    /// <see cref="MaxBytes"/> estimated bytes; an item larger than <see cref="MaxBytes"/> alone goes to
    /// <paramref name="oversized"/> instead (the caller runs it where it is, or refuses it).
    /// </summary>
    /// <param name="items">The items, e.g. queued tasks.</param>
    /// <param name="specOf">The task of an item.</param>
    /// <param name="maxCount">The most items per chunk, 1 or more.</param>
    /// <param name="oversized">Receives items too large for any message.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is below 1.</exception>
    public static List<List<T>> Split<T>(IEnumerable<T> items, Func<T, TaskSpec> specOf, int maxCount, List<T> oversized)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var chunks = new List<List<T>>();
        List<T>? current = null;
        long bytes = 0;
        foreach (var item in items)
        {
            var size = EstimateBytes(specOf(item));
            if (size > MaxBytes)
            {
                oversized.Add(item);
                continue;
            }

            if (current is null || current.Count >= maxCount || bytes + size > MaxBytes)
            {
                chunks.Add(current = []);
                bytes = 0;
            }

            current.Add(item);
            bytes += size;
        }

        return chunks;
    }
}
