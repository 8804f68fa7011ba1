using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace AkkaCompute.Actors.Collections;

/// <summary>
/// A min-heap with O(1) amortised <see cref="Insert"/> and <see cref="DecreaseKey"/>: the Fibonacci heap of
/// M. L. Fredman and R. E. Tarjan, "Fibonacci heaps and their uses in improved network optimization
/// algorithms", Journal of the ACM 34(3):596-615, 1987. The priority mailbox and the task scheduler queue on it.
/// </summary>
/// <remarks>
/// <para>
/// <b>Order and ties (stable FIFO).</b> Entries leave in ascending order of the pair
/// (<c>key</c>, <see cref="FibonacciHeapHandle{TKey, TValue}.Sequence"/>), compared with the heap's
/// <see cref="IComparer{T}"/> and then by the sequence number. The sequence number is a 64-bit counter
/// stamped on each entry when it is inserted and never changed afterwards. So among equal keys the
/// entry inserted first leaves first. <see cref="DecreaseKey"/> keeps the entry's original sequence
/// number: decreasing to a key equal to the current one changes nothing, and an entry decreased to key
/// <c>k</c> leaves after the entries with key <c>k</c> that were inserted before it and before those
/// with key <c>k</c> that were inserted after it, wherever they came from.
/// </para>
/// <para>
/// <b>Costs</b> (n = <see cref="Count"/>; amortised over any sequence of operations, as in the paper):
/// <see cref="Insert"/> O(1), <see cref="DecreaseKey"/> O(1), <see cref="PeekMin"/> O(1) worst case,
/// <see cref="ExtractMin"/> and <see cref="Delete"/> O(log n), <see cref="Clear"/> O(n) worst case.
/// Inserts are lazy (a new entry becomes a root); the work is done by the consolidation in
/// <see cref="ExtractMin"/>, which reuses one degree table (length about log_phi(n) + 2, grown as n grows)
/// and allocates nothing else. Cuts and cascading cuts are iterative, so no operation recurses.
/// </para>
/// <para>
/// <b>Limits.</b> At most <see cref="int.MaxValue"/> entries; <see cref="Insert"/> throws
/// <see cref="InvalidOperationException"/> at that limit. Not thread-safe: one thread (for example the
/// owning actor) uses a heap at a time.
/// </para>
/// </remarks>
/// <typeparam name="TKey">The priority type; smaller keys (by the comparer) leave first.</typeparam>
/// <typeparam name="TValue">The payload type.</typeparam>
public sealed class FibonacciHeap<TKey, TValue>
{
    // Max degree D(n) <= floor(log_phi n) (paper, Lemma 1/Corollary 1); log_phi(2) ~= 1.4405 < 1.5.
    private const int MinDegreeTableLength = 8;

    // Null when TKey is a value type and the default comparer is used: Compare then goes through
    // Comparer<TKey>.Default directly, which the JIT devirtualises and inlines (as PriorityQueue does).
    private readonly IComparer<TKey>? _comparer;
    private FibonacciHeapHandle<TKey, TValue>?[] _degreeTable = [];
    private FibonacciHeapHandle<TKey, TValue>? _min;
    private FibonacciHeapHandle<TKey, TValue>? _roots;
    private long _nextSeq;
    private int _count;

    /// <summary>
    /// Creates an empty heap ordered by <see cref="Comparer{T}.Default"/> for <typeparamref name="TKey"/>.
    /// O(1); never throws.
    /// </summary>
    public FibonacciHeap()
        : this(null)
    {
    }

    /// <summary>
    /// Creates an empty heap ordered by <paramref name="comparer"/> (Fredman and Tarjan, JACM 34(3), 1987).
    /// O(1); never throws.
    /// </summary>
    /// <param name="comparer">The key order; null means <see cref="Comparer{T}.Default"/>.</param>
    public FibonacciHeap(IComparer<TKey>? comparer)
    {
        if (typeof(TKey).IsValueType)
        {
            _comparer = comparer is null || ReferenceEquals(comparer, Comparer<TKey>.Default) ? null : comparer;
        }
        else
        {
            _comparer = comparer ?? Comparer<TKey>.Default;
        }
    }

    /// <summary>The number of entries in the heap. O(1); never throws.</summary>
    public int Count => _count;

    /// <summary>The comparer that orders the keys. O(1); never throws.</summary>
    public IComparer<TKey> Comparer => _comparer ?? Comparer<TKey>.Default;

    /// <summary>
    /// Adds an entry and returns its handle, stamped with the next insertion sequence number.
    /// O(1) worst case (the entry becomes a new root; Fredman and Tarjan, JACM 34(3), 1987).
    /// </summary>
    /// <param name="key">The entry's priority.</param>
    /// <param name="value">The entry's payload.</param>
    /// <returns>The handle, for <see cref="DecreaseKey"/> and <see cref="Delete"/>.</returns>
    /// <exception cref="InvalidOperationException">The heap already holds <see cref="int.MaxValue"/> entries.</exception>
    public FibonacciHeapHandle<TKey, TValue> Insert(TKey key, TValue value)
    {
        if (_count == int.MaxValue)
        {
            throw new InvalidOperationException($"The heap is full: it holds at most {int.MaxValue} entries.");
        }

        var node = new FibonacciHeapHandle<TKey, TValue>(key, value, _nextSeq++, this);
        AddRoot(node);
        var min = _min;
        if (min is null || Less(node, min))
        {
            _min = node;
        }

        _count++;
        return node;
    }

    /// <summary>Returns the value of the minimum entry without removing it. O(1) worst case.</summary>
    /// <returns>The value of the entry with the smallest (key, sequence).</returns>
    /// <exception cref="InvalidOperationException">The heap is empty.</exception>
    public TValue PeekMin()
    {
        var min = _min ?? throw EmptyHeap();
        return min.Item;
    }

    /// <summary>Reads the minimum entry without removing it. O(1) worst case; never throws.</summary>
    /// <param name="key">The minimum entry's key, or default when the heap is empty.</param>
    /// <param name="value">The minimum entry's value, or default when the heap is empty.</param>
    /// <returns>False when the heap is empty.</returns>
    public bool TryPeekMin([MaybeNullWhen(false)] out TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var min = _min;
        if (min is null)
        {
            key = default;
            value = default;
            return false;
        }

        key = min.CurrentKey;
        value = min.Item;
        return true;
    }

    /// <summary>Returns the handle of the minimum entry without removing it. O(1) worst case; never throws.</summary>
    /// <returns>The minimum entry's handle, or null when the heap is empty.</returns>
    public FibonacciHeapHandle<TKey, TValue>? PeekMinHandle() => _min;

    /// <summary>
    /// Removes the minimum entry (smallest key; among equal keys the oldest insertion) and returns its
    /// value. O(log n) amortised: the minimum's children become roots and the roots are consolidated
    /// until no two have the same degree (Fredman and Tarjan, JACM 34(3), 1987).
    /// </summary>
    /// <returns>The removed entry's value. Its handle's <see cref="FibonacciHeapHandle{TKey, TValue}.IsInHeap"/> becomes false.</returns>
    /// <exception cref="InvalidOperationException">The heap is empty.</exception>
    public TValue ExtractMin()
    {
        if (_min is null)
        {
            throw EmptyHeap();
        }

        return RemoveMin().Item;
    }

    /// <summary>
    /// Removes the minimum entry if there is one. O(log n) amortised, as <see cref="ExtractMin"/>; never throws.
    /// </summary>
    /// <param name="key">The removed entry's key, or default when the heap is empty.</param>
    /// <param name="value">The removed entry's value, or default when the heap is empty.</param>
    /// <returns>False when the heap is empty.</returns>
    public bool TryExtractMin([MaybeNullWhen(false)] out TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_min is null)
        {
            key = default;
            value = default;
            return false;
        }

        var node = RemoveMin();
        key = node.CurrentKey;
        value = node.Item;
        return true;
    }

    /// <summary>
    /// Lowers an entry's key. O(1) amortised: if the entry now precedes its parent it is cut to the
    /// root list, followed by the cascading cuts of marked ancestors (Fredman and Tarjan, JACM 34(3), 1987).
    /// The entry keeps its insertion sequence number, so a key equal to the current one changes nothing
    /// (see the tie rule on <see cref="FibonacciHeap{TKey, TValue}"/>).
    /// </summary>
    /// <param name="handle">An entry of this heap.</param>
    /// <param name="newKey">The new key; not greater than the current key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The handle is not in this heap (another heap's, or already removed).</exception>
    /// <exception cref="ArgumentException"><paramref name="newKey"/> is greater than the entry's current key.</exception>
    public void DecreaseKey(FibonacciHeapHandle<TKey, TValue> handle, TKey newKey)
    {
        EnsureOwned(handle);
        int c = Compare(newKey, handle.CurrentKey);
        if (c > 0)
        {
            throw new ArgumentException(
                $"The new key {newKey} is greater than the entry's current key {handle.CurrentKey}; DecreaseKey only lowers keys.",
                nameof(newKey));
        }

        if (c == 0)
        {
            return;
        }

        handle.CurrentKey = newKey;
        var parent = handle.Parent;
        if (parent is not null && Less(handle, parent))
        {
            Cut(handle, parent);
            CascadingCut(parent);
        }

        if (Less(handle, _min!))
        {
            _min = handle;
        }
    }

    /// <summary>
    /// Removes an entry wherever it is in the heap. O(log n) amortised: the entry is cut from its parent
    /// (with cascading cuts) and its children become roots; only when it is the minimum are the roots
    /// consolidated, as in <see cref="ExtractMin"/> (Fredman and Tarjan, JACM 34(3), 1987).
    /// </summary>
    /// <param name="handle">An entry of this heap. Its <see cref="FibonacciHeapHandle{TKey, TValue}.IsInHeap"/> becomes false.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The handle is not in this heap (another heap's, or already removed).</exception>
    public void Delete(FibonacciHeapHandle<TKey, TValue> handle)
    {
        EnsureOwned(handle);
        if (ReferenceEquals(handle, _min))
        {
            RemoveMin();
            return;
        }

        var parent = handle.Parent;
        if (parent is not null)
        {
            Cut(handle, parent);
            CascadingCut(parent);
        }

        // handle is now a root other than the minimum: unlink it and promote its children to roots.
        RemoveFromList(ref _roots, handle);
        var child = handle.Child;
        if (child is not null)
        {
            var tail = child;
            while (true)
            {
                tail.Parent = null;
                tail.Marked = false;
                if (tail.Next is null)
                {
                    break;
                }

                tail = tail.Next;
            }

            var roots = _roots;
            tail.Next = roots;
            if (roots is not null)
            {
                roots.Prev = tail;
            }

            _roots = child;
        }

        _count--;
        Detach(handle);
    }

    /// <summary>
    /// Removes every entry; their handles' <see cref="FibonacciHeapHandle{TKey, TValue}.IsInHeap"/> become false.
    /// O(n) worst case, iterative, no allocation. The sequence counter is not reset, so tie order stays
    /// consistent across a clear.
    /// </summary>
    public void Clear()
    {
        // Walk every node once, splicing each node's children in front of the rest of the walk.
        var x = _roots;
        while (x is not null)
        {
            var next = x.Next;
            var child = x.Child;
            if (child is not null)
            {
                var tail = child;
                while (tail.Next is not null)
                {
                    tail = tail.Next;
                }

                tail.Next = next;
                next = child;
            }

            Detach(x);
            x = next;
        }

        _roots = null;
        _min = null;
        _count = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Compare(TKey a, TKey b)
    {
        if (typeof(TKey).IsValueType && _comparer is null)
        {
            return Comparer<TKey>.Default.Compare(a, b);
        }

        return _comparer!.Compare(a, b);
    }

    /// <summary>The heap order: (key, sequence) ascending. Sequence numbers are unique, so it is strict and total.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Less(FibonacciHeapHandle<TKey, TValue> a, FibonacciHeapHandle<TKey, TValue> b)
    {
        int c = Compare(a.CurrentKey, b.CurrentKey);
        return c < 0 || (c == 0 && a.Seq < b.Seq);
    }

    private void EnsureOwned(FibonacciHeapHandle<TKey, TValue> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!ReferenceEquals(handle.Owner, this))
        {
            throw new InvalidOperationException(handle.Owner is null
                ? "The handle is no longer in the heap: its entry was extracted, deleted or cleared."
                : "The handle belongs to another heap.");
        }
    }

    private static InvalidOperationException EmptyHeap() => new("The heap is empty.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddRoot(FibonacciHeapHandle<TKey, TValue> node)
    {
        var head = _roots;
        node.Next = head;
        if (head is not null)
        {
            head.Prev = node;
        }

        _roots = node;
    }

    /// <summary>Unlinks <paramref name="node"/> from the null-terminated doubly linked list starting at <paramref name="head"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RemoveFromList(ref FibonacciHeapHandle<TKey, TValue>? head, FibonacciHeapHandle<TKey, TValue> node)
    {
        var prev = node.Prev;
        var next = node.Next;
        if (prev is null)
        {
            head = next;
        }
        else
        {
            prev.Next = next;
        }

        if (next is not null)
        {
            next.Prev = prev;
        }

        node.Prev = null;
        node.Next = null;
    }

    /// <summary>Moves <paramref name="node"/> from <paramref name="parent"/>'s children to the root list (the paper's cut).</summary>
    private void Cut(FibonacciHeapHandle<TKey, TValue> node, FibonacciHeapHandle<TKey, TValue> parent)
    {
        RemoveFromList(ref parent.Child, node);
        parent.Degree--;
        node.Parent = null;
        node.Marked = false;
        AddRoot(node);
    }

    /// <summary>
    /// The paper's cascading cut, as a loop: walk up from <paramref name="node"/> cutting every marked
    /// ancestor, and mark the first unmarked non-root one.
    /// </summary>
    private void CascadingCut(FibonacciHeapHandle<TKey, TValue> node)
    {
        var parent = node.Parent;
        while (parent is not null)
        {
            if (!node.Marked)
            {
                node.Marked = true;
                return;
            }

            Cut(node, parent);
            node = parent;
            parent = node.Parent;
        }
    }

    /// <summary>Removes the minimum node, consolidates the rest, and returns the detached node. Requires a non-empty heap.</summary>
    private FibonacciHeapHandle<TKey, TValue> RemoveMin()
    {
        var z = _min!;
        RemoveFromList(ref _roots, z);
        _count--;
        if (_count == 0)
        {
            _roots = null;
            _min = null;
        }
        else
        {
            Consolidate(z.Child);
        }

        Detach(z);
        return z;
    }

    /// <summary>
    /// Links the roots and <paramref name="children"/> (the removed minimum's children) until no two roots
    /// have the same degree, then rebuilds the root list from the degree table and finds the new minimum.
    /// </summary>
    private void Consolidate(FibonacciHeapHandle<TKey, TValue>? children)
    {
        var table = _degreeTable;

        // D(n) <= log_phi(n) < 1.5 * (floor(log2 n) + 1); one more slot for the index after the last link.
        int needed = ((BitOperations.Log2((uint)_count) + 1) * 3 / 2) + 2;
        if (table.Length < needed)
        {
            table = new FibonacciHeapHandle<TKey, TValue>?[Math.Max(needed, Math.Max(MinDegreeTableLength, table.Length * 2))];
            _degreeTable = table;
        }

        int maxDegree = -1;
        var x = _roots;
        while (x is not null)
        {
            var next = x.Next;
            maxDegree = Place(table, x, maxDegree);
            x = next;
        }

        x = children;
        while (x is not null)
        {
            var next = x.Next;
            x.Parent = null;
            x.Marked = false;
            maxDegree = Place(table, x, maxDegree);
            x = next;
        }

        FibonacciHeapHandle<TKey, TValue>? head = null;
        FibonacciHeapHandle<TKey, TValue>? min = null;
        for (int d = maxDegree; d >= 0; d--)
        {
            var root = table[d];
            if (root is null)
            {
                continue;
            }

            table[d] = null;
            root.Prev = null;
            root.Next = head;
            if (head is not null)
            {
                head.Prev = root;
            }

            head = root;
            if (min is null || Less(root, min))
            {
                min = root;
            }
        }

        _roots = head;
        _min = min;
    }

    /// <summary>Adds a root to the degree table, linking it with equal-degree roots; returns the new highest degree used.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Place(FibonacciHeapHandle<TKey, TValue>?[] table, FibonacciHeapHandle<TKey, TValue> x, int maxDegree)
    {
        int d = x.Degree;
        FibonacciHeapHandle<TKey, TValue>? y;
        while ((y = table[d]) is not null)
        {
            table[d] = null;
            if (Less(y, x))
            {
                (x, y) = (y, x);
            }

            // Link y under x (the paper's link step): y becomes x's first child.
            y.Parent = x;
            y.Marked = false;
            y.Prev = null;
            var first = x.Child;
            y.Next = first;
            if (first is not null)
            {
                first.Prev = y;
            }

            x.Child = y;
            d = ++x.Degree;
        }

        table[d] = x;
        return d > maxDegree ? d : maxDegree;
    }

    /// <summary>Marks a removed node as out of the heap and drops its links so it holds no other node alive.</summary>
    private static void Detach(FibonacciHeapHandle<TKey, TValue> node)
    {
        node.Owner = null;
        node.Parent = null;
        node.Child = null;
        node.Prev = null;
        node.Next = null;
        node.Degree = 0;
        node.Marked = false;
    }
}
