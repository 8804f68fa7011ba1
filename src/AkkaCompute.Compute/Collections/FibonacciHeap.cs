using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace AkkaCompute.Compute.Collections;

/// <summary>
/// A min-heap with O(1) amortised <see cref="Insert"/> and <see cref="DecreaseKey"/>: the Fibonacci heap of
/// M. L. Fredman and R. E. Tarjan, "Fibonacci heaps and their uses in improved network optimization
/// algorithms", Journal of the ACM 34(3):596-615, 1987. The priority mailbox and the task scheduler queue on it.
/// </summary>
/// <remarks>
/// <para>
/// <b>Order and ties (stable FIFO).</b> Entries leave in ascending order of the pair
/// (key, <see cref="FibonacciHeapHandle{TKey, TValue}.Sequence"/>): keys are compared with the heap's
/// <see cref="IComparer{T}"/>, and equal keys by the sequence number, a 64-bit counter stamped on each entry
/// by <see cref="Insert"/> and never changed afterwards. So among equal keys the entry inserted first leaves
/// first. <see cref="DecreaseKey"/> keeps the entry's original sequence number: decreasing to a key equal to
/// the current one changes nothing, and an entry decreased to key k leaves after every entry with key k
/// inserted before it and before every entry with key k inserted after it, however those got their key.
/// </para>
/// <para>
/// <b>Costs</b> (n = <see cref="Count"/>; amortised over any sequence of operations, as in the paper):
/// <see cref="Insert"/> and <see cref="DecreaseKey"/> O(1); <see cref="PeekMin"/>, <see cref="TryPeekMin"/>
/// and <see cref="Count"/> O(1) worst case; <see cref="ExtractMin"/>, <see cref="TryExtractMin"/> and
/// <see cref="Delete"/> O(log n); <see cref="Clear"/> O(n) worst case.
/// </para>
/// <para>
/// <b>Representation.</b> Each entry is one <see cref="FibonacciHeapHandle{TKey, TValue}"/> node holding its
/// links in fields. Children form a null-terminated doubly linked list. The roots are kept in two places: the
/// consolidated roots sit in a degree table (at most one root per degree, with a bit mask of the occupied
/// degrees), and roots created since the last consolidation (by <see cref="Insert"/>, cuts, and
/// <see cref="Delete"/>) wait in a pending list. <see cref="ExtractMin"/> links the pending roots and the
/// removed minimum's children into the table (the paper's linking step: two roots of equal degree are
/// linked, the larger becoming a child of the smaller) and then scans the table for the new minimum; it
/// allocates nothing except when the table (length about log_phi(n) + 2) has to grow with n. Cuts and
/// cascading cuts are loops, so no operation recurses.
/// </para>
/// <para>
/// <b>When to use it.</b> For plain insert-then-extract workloads
/// <see cref="PriorityQueue{TElement, TPriority}"/> is several times faster (bench/run fibheap: about 5x at
/// 200,000 random keys and 7-8x at 1,000,000, where ExtractMin's walk over the minimum's children is bound by
/// memory latency: every entry is its own ~80-byte node, against 8 bytes in PriorityQueue's array). This heap
/// earns its place where entries need <see cref="DecreaseKey"/> or <see cref="Delete"/> by handle (aging,
/// re-prioritising, cancelling queued work) and a stable FIFO order among equal keys.
/// </para>
/// <para>
/// <b>Limits.</b> At most <see cref="int.MaxValue"/> entries; <see cref="Insert"/> throws
/// <see cref="InvalidOperationException"/> at that limit. Not thread-safe: one thread (for example the owning
/// actor) uses a heap at a time.
/// </para>
/// </remarks>
/// <typeparam name="TKey">The priority type; smaller keys (by the comparer) leave first.</typeparam>
/// <typeparam name="TValue">The payload type.</typeparam>
public sealed partial class FibonacciHeap<TKey, TValue>
{
    // D(n) <= log_phi(n) (the paper's Lemma 1 and Corollary 1); with n <= int.MaxValue that is 44 < 64 bits of _degreeMask.
    private const int MinDegreeTableLength = 8;

    // Null when TKey is a value type and the default comparer is used: Compare then calls Comparer<TKey>.Default
    // directly, which the JIT devirtualises and inlines (as PriorityQueue<TElement, TPriority> does).
    private readonly IComparer<TKey>? _comparer;

    // _degreeTable[d] is the consolidated root of degree d when bit d of _degreeMask is set, otherwise null.
    private FibonacciHeapHandle<TKey, TValue>?[] _degreeTable = [];
    private ulong _degreeMask;

    // Roots not in the degree table, linked through Prev/Next.
    private FibonacciHeapHandle<TKey, TValue>? _pending;
    private FibonacciHeapHandle<TKey, TValue>? _min;
    private long _nextSeq;
    private int _count;

    /// <summary>
    /// Creates an empty heap ordered by <see cref="Comparer{T}.Default"/> for <typeparamref name="TKey"/>
    /// (Fredman and Tarjan, JACM 34(3), 1987). O(1); never throws.
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
    /// O(1) worst case: the entry becomes a new root (Fredman and Tarjan, JACM 34(3), 1987).
    /// </summary>
    /// <param name="key">The entry's priority.</param>
    /// <param name="value">The entry's payload.</param>
    /// <returns>The entry's handle, for <see cref="DecreaseKey"/> and <see cref="Delete"/>.</returns>
    /// <exception cref="InvalidOperationException">The heap already holds <see cref="int.MaxValue"/> entries.</exception>
    public FibonacciHeapHandle<TKey, TValue> Insert(TKey key, TValue value)
    {
        if (_count == int.MaxValue)
        {
            throw new InvalidOperationException($"The heap is full: it holds at most {int.MaxValue} entries.");
        }

        var node = new FibonacciHeapHandle<TKey, TValue>(key, value, _nextSeq++, this);
        AddPending(node);
        var min = _min;
        if (min is null || Less(node, min))
        {
            _min = node;
        }

        _count++;
        return node;
    }

    /// <summary>
    /// Returns the value of the minimum entry (smallest key; among equal keys the oldest insertion) without
    /// removing it. O(1) worst case.
    /// </summary>
    /// <returns>The minimum entry's value.</returns>
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

    /// <summary>
    /// Returns the handle of the minimum entry without removing it (for example to <see cref="Delete"/> it).
    /// O(1) worst case; never throws.
    /// </summary>
    /// <returns>The minimum entry's handle, or null when the heap is empty.</returns>
    public FibonacciHeapHandle<TKey, TValue>? PeekMinHandle() => _min;

    /// <summary>
    /// Removes the minimum entry (smallest key; among equal keys the oldest insertion) and returns its value.
    /// O(log n) amortised: the minimum's children become roots and the roots are linked until no two have the
    /// same degree (Fredman and Tarjan, JACM 34(3), 1987).
    /// </summary>
    /// <returns>The removed entry's value. Its handle's <see cref="FibonacciHeapHandle{TKey, TValue}.IsInHeap"/> becomes false.</returns>
    /// <exception cref="InvalidOperationException">The heap is empty.</exception>
    public TValue ExtractMin()
    {
        var min = _min ?? throw EmptyHeap();
        RemoveMin(min);
        return min.Item;
    }

    /// <summary>
    /// Removes the minimum entry if there is one. O(log n) amortised, as <see cref="ExtractMin"/>; never throws.
    /// </summary>
    /// <param name="key">The removed entry's key, or default when the heap is empty.</param>
    /// <param name="value">The removed entry's value, or default when the heap is empty.</param>
    /// <returns>False when the heap is empty.</returns>
    public bool TryExtractMin([MaybeNullWhen(false)] out TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var min = _min;
        if (min is null)
        {
            key = default;
            value = default;
            return false;
        }

        RemoveMin(min);
        key = min.CurrentKey;
        value = min.Item;
        return true;
    }

    /// <summary>
    /// Lowers an entry's key. O(1) amortised: if the entry now precedes its parent it is cut to the root list,
    /// followed by the cascading cuts of its marked ancestors (Fredman and Tarjan, JACM 34(3), 1987). The entry
    /// keeps its insertion sequence number, so a key equal to the current one changes nothing (see the tie rule
    /// on <see cref="FibonacciHeap{TKey, TValue}"/>).
    /// </summary>
    /// <param name="handle">An entry of this heap.</param>
    /// <param name="newKey">The new key; not greater than the current key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The handle is not in this heap: it belongs to another heap, or its entry was already removed.</exception>
    /// <exception cref="ArgumentException"><paramref name="newKey"/> is greater than the entry's current key; the heap is unchanged.</exception>
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
            Unlink(handle, parent);
            AddPending(handle);
            CascadingCut(parent);
        }

        if (Less(handle, _min!))
        {
            _min = handle;
        }
    }

    /// <summary>
    /// Removes an entry wherever it is in the heap. O(log n) amortised: the entry is cut from its parent (with
    /// cascading cuts) and its children become roots; only when it is the minimum are the roots linked, as in
    /// <see cref="ExtractMin"/> (Fredman and Tarjan, JACM 34(3), 1987).
    /// </summary>
    /// <param name="handle">An entry of this heap. Its <see cref="FibonacciHeapHandle{TKey, TValue}.IsInHeap"/> becomes false.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The handle is not in this heap: it belongs to another heap, or its entry was already removed.</exception>
    public void Delete(FibonacciHeapHandle<TKey, TValue> handle)
    {
        EnsureOwned(handle);
        if (ReferenceEquals(handle, _min))
        {
            RemoveMin(handle);
            return;
        }

        var parent = handle.Parent;
        if (parent is not null)
        {
            Unlink(handle, parent);
            CascadingCut(parent);
        }
        else
        {
            RemoveRoot(handle);
        }

        // Not the minimum, so the minimum is unchanged; the children simply become pending roots.
        var child = handle.Child;
        while (child is not null)
        {
            var next = child.Next;
            child.Parent = null;
            child.Marked = false;
            AddPending(child);
            child = next;
        }

        _count--;
        Detach(handle);
    }

    /// <summary>
    /// Removes every entry; their handles' <see cref="FibonacciHeapHandle{TKey, TValue}.IsInHeap"/> become false.
    /// O(n) worst case, iterative, no allocation. The sequence counter is not reset, so ties stay in insertion
    /// order across a clear.
    /// </summary>
    public void Clear()
    {
        // Chain every root through Next, then walk the chain once, splicing each node's children in after it.
        var chain = _pending;
        var table = _degreeTable;
        var mask = _degreeMask;
        while (mask != 0)
        {
            int d = BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            var root = table[d]!;
            table[d] = null;
            root.Next = chain;
            chain = root;
        }

        var x = chain;
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

        _degreeMask = 0;
        _pending = null;
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

    /// <summary>The heap order: (key, sequence) ascending. Sequence numbers are unique, so it is a strict total order.</summary>
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
    private void AddPending(FibonacciHeapHandle<TKey, TValue> node)
    {
        var head = _pending;
        node.Prev = null;
        node.Next = head;
        if (head is not null)
        {
            head.Prev = node;
        }

        _pending = node;
    }

    /// <summary>Takes a root out of the degree table or the pending list, whichever holds it.</summary>
    private void RemoveRoot(FibonacciHeapHandle<TKey, TValue> root)
    {
        int d = root.Degree;
        var table = _degreeTable;
        if (d < table.Length && ReferenceEquals(table[d], root))
        {
            table[d] = null;
            _degreeMask &= ~(1UL << d);
            return;
        }

        var prev = root.Prev;
        var next = root.Next;
        if (prev is null)
        {
            _pending = next;
        }
        else
        {
            prev.Next = next;
        }

        if (next is not null)
        {
            next.Prev = prev;
        }

        root.Prev = null;
        root.Next = null;
    }

    /// <summary>
    /// Removes <paramref name="node"/> from <paramref name="parent"/>'s children (the first half of the paper's cut).
    /// A consolidated root that loses a child changes degree, so it moves from the degree table to the pending list.
    /// </summary>
    private void Unlink(FibonacciHeapHandle<TKey, TValue> node, FibonacciHeapHandle<TKey, TValue> parent)
    {
        var prev = node.Prev;
        var next = node.Next;
        if (prev is null)
        {
            parent.Child = next;
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
        node.Parent = null;
        node.Marked = false;

        if (parent.Parent is null)
        {
            int d = parent.Degree;
            var table = _degreeTable;
            if (d < table.Length && ReferenceEquals(table[d], parent))
            {
                table[d] = null;
                _degreeMask &= ~(1UL << d);
                AddPending(parent);
            }
        }

        parent.Degree--;
    }

    /// <summary>
    /// The paper's cascading cut, as a loop: walking up from <paramref name="node"/>, cut every marked non-root
    /// ancestor to the root list, and mark the first unmarked non-root one.
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

            Unlink(node, parent);
            AddPending(node);
            node = parent;
            parent = node.Parent;
        }
    }

    /// <summary>Removes <paramref name="min"/> (the current minimum), links the remaining roots, and detaches it.</summary>
    private void RemoveMin(FibonacciHeapHandle<TKey, TValue> min)
    {
        RemoveRoot(min);
        _count--;
        if (_count == 0)
        {
            // min was the only node: the table and the pending list are already empty.
            _min = null;
        }
        else
        {
            Consolidate(min.Child);
        }

        Detach(min);
    }

    /// <summary>
    /// The paper's linking step: moves the pending roots and <paramref name="children"/> (the removed minimum's
    /// children) into the degree table, linking equal-degree roots, then finds the new minimum among the table's roots.
    /// </summary>
    private void Consolidate(FibonacciHeapHandle<TKey, TValue>? children)
    {
        var table = _degreeTable;

        // Every degree, before and after a link, is at most D(n) <= log_phi(n) < 1.5 * (floor(log2 n) + 1).
        int needed = ((BitOperations.Log2((uint)_count) + 1) * 3 / 2) + 2;
        if (table.Length < needed)
        {
            Array.Resize(ref table, Math.Max(needed, Math.Max(MinDegreeTableLength, table.Length * 2)));
            _degreeTable = table;
        }

        ulong mask = _degreeMask;
        var x = _pending;
        _pending = null;
        while (x is not null)
        {
            var next = x.Next;
            x.Prev = null;
            x.Next = null;
            mask = Place(table, x, mask);
            x = next;
        }

        x = children;
        while (x is not null)
        {
            var next = x.Next;
            x.Parent = null;
            x.Marked = false;
            x.Prev = null;
            x.Next = null;
            mask = Place(table, x, mask);
            x = next;
        }

        _degreeMask = mask;
        var min = table[BitOperations.TrailingZeroCount(mask)]!;
        mask &= mask - 1;
        while (mask != 0)
        {
            var root = table[BitOperations.TrailingZeroCount(mask)]!;
            mask &= mask - 1;
            if (Less(root, min))
            {
                min = root;
            }
        }

        _min = min;
    }

    /// <summary>Puts a root into the degree table, linking it with equal-degree roots on the way; returns the new mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Place(FibonacciHeapHandle<TKey, TValue>?[] table, FibonacciHeapHandle<TKey, TValue> x, ulong mask)
    {
        int d = x.Degree;
        while ((mask & (1UL << d)) != 0)
        {
            mask &= ~(1UL << d);
            var y = table[d]!;
            table[d] = null;

            // Link: the larger of the two roots becomes the first child of the smaller.
            bool swap = Less(y, x);
            var winner = swap ? y : x;
            var loser = swap ? x : y;
            loser.Parent = winner;
            loser.Marked = false;
            loser.Prev = null;
            var first = winner.Child;
            loser.Next = first;
            if (first is not null)
            {
                first.Prev = loser;
            }

            winner.Child = loser;
            d = ++winner.Degree;
            x = winner;
        }

        table[d] = x;
        return mask | (1UL << d);
    }

    /// <summary>Marks a removed node as out of the heap and drops its links, so it keeps no other node alive.</summary>
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
