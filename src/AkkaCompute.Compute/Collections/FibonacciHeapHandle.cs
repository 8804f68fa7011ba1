namespace AkkaCompute.Compute.Collections;

/// <summary>
/// One entry of a <see cref="FibonacciHeap{TKey, TValue}"/>: the handle returned by
/// <see cref="FibonacciHeap{TKey, TValue}.Insert"/> and passed back to
/// <see cref="FibonacciHeap{TKey, TValue}.DecreaseKey"/> and <see cref="FibonacciHeap{TKey, TValue}.Delete"/>.
/// </summary>
/// <remarks>
/// The handle is the heap node itself (a node of Fredman and Tarjan's structure, "Fibonacci heaps and
/// their uses in improved network optimization algorithms", JACM 34(3), 1987), so holding it costs no
/// extra allocation. It records the heap that owns it; a heap rejects handles it does not own. Once the
/// entry leaves the heap (extracted, deleted or cleared) <see cref="IsInHeap"/> is false, the node drops
/// its links to the other nodes, and <see cref="Key"/> and <see cref="Value"/> keep their last values.
/// Every member is O(1). Not thread-safe: read it on the thread that owns the heap.
/// </remarks>
/// <typeparam name="TKey">The priority type; smaller keys leave the heap first.</typeparam>
/// <typeparam name="TValue">The payload type.</typeparam>
public sealed class FibonacciHeapHandle<TKey, TValue>
{
    // Fields, not properties: the heap's inner loops touch these millions of times.
    internal TKey CurrentKey;
    internal readonly TValue Item;
    internal readonly long Seq;
    internal FibonacciHeap<TKey, TValue>? Owner;
    internal FibonacciHeapHandle<TKey, TValue>? Parent;
    internal FibonacciHeapHandle<TKey, TValue>? Child;
    internal FibonacciHeapHandle<TKey, TValue>? Prev;
    internal FibonacciHeapHandle<TKey, TValue>? Next;
    internal int Degree;
    internal bool Marked;

    internal FibonacciHeapHandle(TKey key, TValue value, long seq, FibonacciHeap<TKey, TValue> owner)
    {
        CurrentKey = key;
        Item = value;
        Seq = seq;
        Owner = owner;
    }

    /// <summary>
    /// The entry's current key (its priority). Changed only by <see cref="FibonacciHeap{TKey, TValue}.DecreaseKey"/>.
    /// O(1); never throws.
    /// </summary>
    public TKey Key => CurrentKey;

    /// <summary>The payload given to <see cref="FibonacciHeap{TKey, TValue}.Insert"/>. O(1); never throws.</summary>
    public TValue Value => Item;

    /// <summary>
    /// The insertion sequence number stamped on the entry by <see cref="FibonacciHeap{TKey, TValue}.Insert"/>:
    /// 0 for the first insert into a heap, then 1, 2, ... It never changes, not even on
    /// <see cref="FibonacciHeap{TKey, TValue}.DecreaseKey"/>, and breaks ties between equal keys
    /// (the smaller sequence number leaves first). O(1); never throws.
    /// </summary>
    public long Sequence => Seq;

    /// <summary>
    /// True while the entry is in the heap that returned it; false once it has been extracted,
    /// deleted or cleared. O(1); never throws.
    /// </summary>
    public bool IsInHeap => Owner is not null;
}
