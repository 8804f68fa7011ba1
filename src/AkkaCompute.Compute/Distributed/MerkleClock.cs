using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace AkkaCompute.Compute.Distributed;

/// <summary>
/// The cluster's merkle clock: a vector clock <c>{node -> counter}</c> (Lamport 1978; Fidge 1988; Mattern 1989) kept as a
/// state-based CRDT whose merge is the pointwise maximum (Shapiro et al. 2011, "Conflict-free Replicated Data Types"), with
/// a <see cref="Head"/> that names its whole state in one hash. Immutable: <see cref="Tick"/> and <see cref="Merge"/> return
/// new clocks. Nodes are member addresses (<c>akka.tcp://akc@host:port</c>); counters are non-negative.
/// <para>
/// The head is lowercase-hex SHA-256 of <see cref="CanonicalText"/>: the entries sorted by node and written as Python's
/// <c>json.dumps(sorted(vector.items()))</c> writes them, e.g. <c>[["node-a", 1], ["node-b", 2]]</c> (<c>[]</c> when empty).
/// Two clocks with the same entries have the same head on every node.
/// </para>
/// <para>Entries are never removed (a removed member's counter stays): removal is not a monotone operation and the head
/// must not move backwards. Each entry costs its address and 8 bytes; a cluster has at most a few hundred members.</para>
/// </summary>
public sealed class MerkleClock : IEquatable<MerkleClock>
{
    private static readonly Comparer<string> NodeOrder = Comparer<string>.Create(PythonJson.CompareCodePoints);
    private string? _head;

    private MerkleClock(ImmutableSortedDictionary<string, long> entries) => Entries = entries;

    /// <summary>The clock with no entries; its head is SHA-256 of <c>[]</c>.</summary>
    public static MerkleClock Empty { get; } = new(ImmutableSortedDictionary.Create<string, long>(NodeOrder));

    /// <summary>The entries, sorted by node in Unicode code point order.</summary>
    public ImmutableSortedDictionary<string, long> Entries { get; }

    /// <summary>Lowercase-hex SHA-256 (64 characters) of <see cref="CanonicalText"/>, computed once per clock.</summary>
    public string Head => _head ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText)));

    /// <summary>The entries as Python's <c>json.dumps(sorted(vector.items()))</c> writes them: <c>[["a", 1], ["b", 2]]</c>.</summary>
    public string CanonicalText
    {
        get
        {
            var text = new StringBuilder("[");
            var first = true;
            foreach (var (node, counter) in Entries)
            {
                text.Append(first ? "[" : ", [");
                first = false;
                PythonJson.AppendString(text, node);
                text.Append(", ").Append(counter).Append(']');
            }

            return text.Append(']').ToString();
        }
    }

    /// <summary>A node's counter; 0 for a node with no entry.</summary>
    /// <param name="node">The node (member address).</param>
    public long this[string node] => Entries.GetValueOrDefault(node);

    /// <summary>Builds a clock from entries (tests, deserialization).</summary>
    /// <param name="entries">Node to counter; counters must be 0 or more, nodes non-empty.</param>
    /// <exception cref="ArgumentException">A node is empty or a counter is negative.</exception>
    public static MerkleClock From(IEnumerable<KeyValuePair<string, long>> entries)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, long>(NodeOrder);
        foreach (var (node, counter) in entries)
        {
            Validate(node, counter);
            builder[node] = counter;
        }

        return new MerkleClock(builder.ToImmutable());
    }

    /// <summary>Advances <paramref name="node"/>'s counter by one (on acceptance and on completion).</summary>
    /// <param name="node">The ticking node's address; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="node"/> is empty.</exception>
    /// <exception cref="OverflowException">The counter is at <see cref="long.MaxValue"/>.</exception>
    public MerkleClock Tick(string node)
    {
        Validate(node, 0);
        return new MerkleClock(Entries.SetItem(node, checked(this[node] + 1)));
    }

    /// <summary>The pointwise maximum of both clocks: commutative, associative and idempotent (the CRDT join).</summary>
    /// <param name="other">The other replica's clock.</param>
    public MerkleClock Merge(MerkleClock other)
    {
        var merged = Entries;
        foreach (var (node, counter) in other.Entries)
        {
            if (!merged.TryGetValue(node, out var mine) || counter > mine)
            {
                merged = merged.SetItem(node, counter);
            }
        }

        return ReferenceEquals(merged, Entries) ? this : new MerkleClock(merged);
    }

    /// <summary>How this clock relates to <paramref name="other"/> in the vector-clock partial order (missing entries count as 0).</summary>
    public ClockOrder Compare(MerkleClock other)
    {
        bool less = false, greater = false;
        foreach (var node in Entries.Keys.Union(other.Entries.Keys))
        {
            var a = this[node];
            var b = other[node];
            less |= a < b;
            greater |= a > b;
        }

        return (less, greater) switch
        {
            (false, false) => ClockOrder.Same,
            (true, false) => ClockOrder.Before,
            (false, true) => ClockOrder.After,
            _ => ClockOrder.Concurrent,
        };
    }

    /// <inheritdoc />
    public bool Equals(MerkleClock? other) =>
        other is not null && Entries.Count == other.Entries.Count && Entries.All(e => other.Entries.TryGetValue(e.Key, out var v) && v == e.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MerkleClock);

    /// <inheritdoc />
    public override int GetHashCode() => Head.GetHashCode(StringComparison.Ordinal);

    /// <summary>The canonical text.</summary>
    public override string ToString() => CanonicalText;

    private static void Validate(string node, long counter)
    {
        if (string.IsNullOrEmpty(node))
        {
            throw new ArgumentException("a merkle clock entry needs a node name", nameof(node));
        }

        if (counter < 0)
        {
            throw new ArgumentException($"the counter of '{node}' is {counter}; counters are 0 or more", nameof(counter));
        }
    }
}

/// <summary>The vector-clock partial order between two clocks.</summary>
public enum ClockOrder
{
    /// <summary>Every entry equal.</summary>
    Same,

    /// <summary>Every entry less or equal, at least one less: this clock happened before the other.</summary>
    Before,

    /// <summary>Every entry greater or equal, at least one greater.</summary>
    After,

    /// <summary>Some entries less and some greater: neither saw the other.</summary>
    Concurrent,
}
