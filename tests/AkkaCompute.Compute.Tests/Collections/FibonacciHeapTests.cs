using AkkaCompute.Compute.Collections;

namespace AkkaCompute.Compute.Tests.Collections;

public sealed class FibonacciHeapTests
{
    private static List<TValue> Drain<TKey, TValue>(FibonacciHeap<TKey, TValue> heap)
    {
        var values = new List<TValue>();
        while (heap.TryExtractMin(out _, out var value))
        {
            values.Add(value);
        }

        return values;
    }

    [Fact]
    public void Empty_heap_reports_nothing_and_throws_on_peek_and_extract()
    {
        var heap = new FibonacciHeap<int, string>();

        Assert.Equal(0, heap.Count);
        Assert.False(heap.TryPeekMin(out _, out _));
        Assert.False(heap.TryExtractMin(out _, out _));
        Assert.Throws<InvalidOperationException>(() => heap.PeekMin());
        Assert.Throws<InvalidOperationException>(() => heap.ExtractMin());
        heap.AssertInvariants();
    }

    [Fact]
    public void Heap_that_was_emptied_throws_again()
    {
        var heap = new FibonacciHeap<int, string>();
        heap.Insert(1, "a");
        Assert.Equal("a", heap.ExtractMin());

        Assert.Throws<InvalidOperationException>(() => heap.ExtractMin());
        Assert.Throws<InvalidOperationException>(() => heap.PeekMin());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(1000)]
    public void Extracts_in_ascending_key_order(int n)
    {
        var random = new Random(n);
        var keys = Enumerable.Range(0, n).Select(_ => random.Next(-1000, 1000)).ToArray();
        var heap = new FibonacciHeap<int, int>();
        foreach (int key in keys)
        {
            heap.Insert(key, key);
        }

        Assert.Equal(n, heap.Count);
        var extracted = new List<int>();
        while (heap.Count > 0)
        {
            Assert.True(heap.TryPeekMin(out int peekKey, out int peekValue));
            Assert.Equal(peekValue, heap.PeekMin());
            Assert.True(heap.TryExtractMin(out int key, out int value));
            Assert.Equal(peekKey, key);
            Assert.Equal(key, value);
            extracted.Add(key);
            heap.AssertInvariants();
        }

        Assert.Equal(keys.Order(), extracted);
    }

    [Fact]
    public void Equal_keys_leave_in_insertion_order()
    {
        var heap = new FibonacciHeap<int, string>();
        heap.Insert(5, "a");
        heap.Insert(1, "x");
        heap.Insert(5, "b");
        heap.Insert(3, "y");
        heap.Insert(5, "c");
        heap.Insert(1, "z");

        Assert.Equal(["x", "z", "y", "a", "b", "c"], Drain(heap));
    }

    [Fact]
    public void Equal_keys_stay_fifo_across_consolidations_and_interleaved_inserts()
    {
        var heap = new FibonacciHeap<int, int>();
        int next = 0;
        var expected = new List<int>();
        var actual = new List<int>();

        // All keys equal: the heap must behave as a FIFO queue however the trees are linked.
        for (int round = 0; round < 50; round++)
        {
            for (int i = 0; i < 7; i++)
            {
                heap.Insert(42, next);
                expected.Add(next++);
            }

            for (int i = 0; i < 5; i++)
            {
                actual.Add(heap.ExtractMin());
            }

            heap.AssertInvariants();
        }

        actual.AddRange(Drain(heap));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Handles_expose_key_value_sequence_and_membership()
    {
        var heap = new FibonacciHeap<int, string>();
        var a = heap.Insert(7, "a");
        var b = heap.Insert(3, "b");

        Assert.Equal(7, a.Key);
        Assert.Equal("a", a.Value);
        Assert.Equal(0, a.Sequence);
        Assert.Equal(1, b.Sequence);
        Assert.True(a.IsInHeap);

        Assert.Equal("b", heap.ExtractMin());
        Assert.False(b.IsInHeap);
        Assert.Equal(3, b.Key);
        Assert.Equal("b", b.Value);
        Assert.True(a.IsInHeap);
    }

    [Fact]
    public void DecreaseKey_moves_an_entry_ahead()
    {
        var heap = new FibonacciHeap<int, string>();
        foreach (var (key, value) in new[] { (10, "a"), (20, "b"), (30, "c"), (40, "d") })
        {
            heap.Insert(key, value);
        }

        var e = heap.Insert(50, "e");
        heap.Insert(60, "f");

        Assert.Equal("a", heap.ExtractMin()); // consolidates, so "e" now sits inside a tree
        heap.DecreaseKey(e, 5);
        heap.AssertInvariants();

        Assert.Equal(5, e.Key);
        Assert.Equal("e", heap.PeekMin());
        Assert.Equal(["e", "b", "c", "d", "f"], Drain(heap));
    }

    [Fact]
    public void DecreaseKey_to_the_same_key_keeps_the_entry_behind_older_equal_keys()
    {
        var heap = new FibonacciHeap<int, string>();
        heap.Insert(5, "old");
        var young = heap.Insert(5, "young");

        heap.DecreaseKey(young, 5);

        Assert.Equal(["old", "young"], Drain(heap));
    }

    [Fact]
    public void DecreaseKey_orders_by_original_sequence_among_equal_keys()
    {
        // Tie rule: (key, insertion sequence). "mid" was inserted between "first" and "last";
        // decreased to their key it leaves after "first" and before "last".
        var heap = new FibonacciHeap<int, string>();
        heap.Insert(1, "first");
        var mid = heap.Insert(9, "mid");
        heap.Insert(1, "last");
        heap.Insert(0, "zero");
        Assert.Equal("zero", heap.ExtractMin());

        heap.DecreaseKey(mid, 1);

        Assert.Equal(["first", "mid", "last"], Drain(heap));
    }

    [Fact]
    public void DecreaseKey_with_a_larger_key_throws_and_leaves_the_heap_unchanged()
    {
        var heap = new FibonacciHeap<int, string>();
        var a = heap.Insert(5, "a");
        heap.Insert(6, "b");

        var ex = Assert.Throws<ArgumentException>(() => heap.DecreaseKey(a, 7));

        Assert.Equal("newKey", ex.ParamName);
        Assert.Equal(5, a.Key);
        Assert.Equal(["a", "b"], Drain(heap));
    }

    [Fact]
    public void DecreaseKey_and_Delete_reject_removed_foreign_and_null_handles()
    {
        var heap = new FibonacciHeap<int, string>();
        var other = new FibonacciHeap<int, string>();
        var mine = heap.Insert(1, "mine");
        var foreign = other.Insert(1, "foreign");
        var gone = heap.Insert(0, "gone");
        heap.ExtractMin();

        Assert.Throws<InvalidOperationException>(() => heap.DecreaseKey(foreign, 0));
        Assert.Throws<InvalidOperationException>(() => heap.Delete(foreign));
        Assert.Throws<InvalidOperationException>(() => heap.DecreaseKey(gone, -1));
        Assert.Throws<InvalidOperationException>(() => heap.Delete(gone));
        Assert.Throws<ArgumentNullException>(() => heap.DecreaseKey(null!, 0));
        Assert.Throws<ArgumentNullException>(() => heap.Delete(null!));

        Assert.True(foreign.IsInHeap);
        Assert.Equal(1, other.Count);
        Assert.Equal(1, heap.Count);
        Assert.Equal("mine", heap.PeekMin());
        Assert.True(mine.IsInHeap);
    }

    [Fact]
    public void Delete_removes_the_minimum_a_root_and_an_inner_node()
    {
        var heap = new FibonacciHeap<int, int>();
        var handles = Enumerable.Range(0, 64).Select(i => heap.Insert(i, i)).ToArray();
        Assert.Equal(0, heap.ExtractMin()); // one consolidation: most entries are now inside trees

        heap.Delete(handles[1]);   // the minimum
        heap.Delete(handles[40]);  // somewhere inside a tree
        heap.Delete(handles[63]);  // a leaf
        heap.Delete(handles[32]);  // another entry, wherever it is
        heap.AssertInvariants();

        Assert.False(handles[40].IsInHeap);
        Assert.Throws<InvalidOperationException>(() => heap.Delete(handles[40]));
        Assert.Equal(59, heap.Count);
        var expected = Enumerable.Range(2, 62).Where(i => i is not 32 and not 40 and not 63);
        Assert.Equal(expected, Drain(heap));
    }

    [Fact]
    public void Delete_of_every_entry_in_random_order_empties_the_heap()
    {
        var random = new Random(7);
        var heap = new FibonacciHeap<int, int>();
        var handles = Enumerable.Range(0, 300).Select(i => heap.Insert(random.Next(50), i)).ToList();
        heap.ExtractMin();
        handles.RemoveAll(h => !h.IsInHeap);

        foreach (var handle in handles.OrderBy(_ => random.Next()))
        {
            heap.Delete(handle);
            heap.AssertInvariants();
        }

        Assert.Equal(0, heap.Count);
        Assert.False(heap.TryPeekMin(out _, out _));
    }

    [Fact]
    public void Repeated_decrease_key_deep_in_trees_exercises_cascading_cuts()
    {
        var heap = new FibonacciHeap<int, int>();
        var handles = Enumerable.Range(0, 1025).Select(i => heap.Insert(i + 10_000, i)).ToArray();
        heap.ExtractMin(); // builds binomial-shaped trees of degree up to 10

        // Cut the largest keys (deepest, most recently linked nodes) one after another, so ancestors
        // lose second children and are cut in cascades.
        int next = 0;
        for (int i = handles.Length - 1; i >= 1; i -= 3)
        {
            heap.DecreaseKey(handles[i], next++);
            heap.AssertInvariants();
        }

        var extracted = new List<int>();
        int lastKey = int.MinValue;
        while (heap.TryExtractMin(out int key, out int value))
        {
            Assert.True(key >= lastKey);
            lastKey = key;
            extracted.Add(value);
        }

        Assert.Equal(1024, extracted.Count);
        Assert.Equal(Enumerable.Range(1, 1024), extracted.Order());
    }

    [Fact]
    public void Clear_detaches_every_handle_and_the_heap_stays_usable()
    {
        var heap = new FibonacciHeap<int, int>();
        var handles = Enumerable.Range(0, 100).Select(i => heap.Insert(i % 10, i)).ToArray();
        heap.ExtractMin();
        heap.DecreaseKey(handles[99], -1);

        heap.Clear();

        Assert.Equal(0, heap.Count);
        Assert.All(handles, h => Assert.False(h.IsInHeap));
        Assert.Throws<InvalidOperationException>(() => heap.DecreaseKey(handles[5], -5));
        heap.AssertInvariants();

        var again = heap.Insert(3, 1000);
        heap.Insert(3, 1001);
        Assert.Equal(100, again.Sequence);
        Assert.Equal([1000, 1001], Drain(heap));
    }

    [Fact]
    public void A_custom_comparer_orders_the_keys()
    {
        var heap = new FibonacciHeap<int, string>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        heap.Insert(1, "one");
        var two = heap.Insert(2, "two");
        heap.Insert(3, "three");
        heap.Insert(3, "three-again");

        Assert.Throws<ArgumentException>(() => heap.DecreaseKey(two, 1)); // 1 is "greater" under this order
        heap.DecreaseKey(two, 4);

        Assert.Equal(["two", "three", "three-again", "one"], Drain(heap));
    }

    [Fact]
    public void Reference_type_keys_use_the_default_comparer()
    {
        var heap = new FibonacciHeap<string, int>();
        heap.Insert("pear", 1);
        heap.Insert("apple", 2);
        var fig = heap.Insert("fig", 3);
        heap.Insert("apple", 4);

        heap.DecreaseKey(fig, "apple");

        Assert.Same(Comparer<string>.Default, heap.Comparer);
        Assert.Equal([2, 3, 4, 1], Drain(heap));
    }

    [Fact]
    public void Insert_after_draining_works()
    {
        var heap = new FibonacciHeap<int, int>();
        for (int round = 0; round < 3; round++)
        {
            for (int i = 9; i >= 0; i--)
            {
                heap.Insert(i, i);
            }

            Assert.Equal(Enumerable.Range(0, 10), Drain(heap));
            heap.AssertInvariants();
        }
    }

    [Fact]
    public void PeekMinHandle_returns_the_minimum_entry_or_null()
    {
        var heap = new FibonacciHeap<int, string>();
        Assert.Null(heap.PeekMinHandle());
        heap.Insert(2, "b");
        var a = heap.Insert(1, "a");

        Assert.Same(a, heap.PeekMinHandle());
        heap.Delete(a);
        Assert.Equal("b", heap.PeekMinHandle()!.Value);
    }
}
