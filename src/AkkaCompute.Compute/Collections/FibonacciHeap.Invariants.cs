namespace AkkaCompute.Compute.Collections;

/// <content>The structural self-check used by the property tests.</content>
public sealed partial class FibonacciHeap<TKey, TValue>
{
    /// <summary>
    /// Checks every structural invariant of the heap and throws <see cref="InvalidOperationException"/> naming the
    /// first one broken: heap order on (key, sequence); each degree equals its child count; parent and sibling links
    /// agree; the degree table holds exactly the masked roots, each at its own degree; roots are unmarked; every
    /// subtree of degree d has at least F(d+2) nodes (Fredman and Tarjan, JACM 34(3), 1987, Lemma 1); the minimum
    /// is the smallest root; and the node count equals <see cref="Count"/>. O(n) time and memory; for tests only.
    /// </summary>
    internal void AssertInvariants()
    {
        var roots = new List<FibonacciHeapHandle<TKey, TValue>>();
        var table = _degreeTable;
        for (int d = 0; d < 64; d++)
        {
            bool masked = ((_degreeMask >> d) & 1) != 0;
            var root = d < table.Length ? table[d] : null;
            Check(masked == (root is not null), $"degree table slot {d}: mask bit {masked} but entry {(root is null ? "empty" : "set")}");
            if (root is not null)
            {
                Check(root.Degree == d, $"table root at slot {d} has degree {root.Degree}");
                Check(root.Prev is null && root.Next is null, $"table root at slot {d} is linked to siblings");
                roots.Add(root);
            }
        }

        FibonacciHeapHandle<TKey, TValue>? prev = null;
        for (var p = _pending; p is not null; p = p.Next)
        {
            Check(ReferenceEquals(p.Prev, prev), "pending list: Prev does not point at the previous root");
            Check(p.Degree >= table.Length || !ReferenceEquals(table[p.Degree], p), "a pending root is also in the degree table");
            Check(roots.Count <= _count, "pending list is longer than Count (cycle?)");
            roots.Add(p);
            prev = p;
        }

        FibonacciHeapHandle<TKey, TValue>? min = null;
        long total = 0;
        var sizes = new Dictionary<FibonacciHeapHandle<TKey, TValue>, long>(ReferenceEqualityComparer.Instance);
        var order = new List<FibonacciHeapHandle<TKey, TValue>>();
        foreach (var root in roots)
        {
            Check(root.Parent is null, "a root has a parent");
            Check(!root.Marked, "a root is marked");
            if (min is null || Less(root, min))
            {
                min = root;
            }

            // Pre-order walk without recursion (trees can be deep after many cuts).
            order.Clear();
            var stack = new Stack<FibonacciHeapHandle<TKey, TValue>>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                Check(ReferenceEquals(node.Owner, this), "a node in the heap does not name this heap as its owner");
                Check(order.Count + total < (long)_count + 1, "more nodes than Count (cycle?)");
                order.Add(node);
                int children = 0;
                FibonacciHeapHandle<TKey, TValue>? before = null;
                for (var c = node.Child; c is not null; c = c.Next)
                {
                    Check(ReferenceEquals(c.Parent, node), "a child does not point at its parent");
                    Check(ReferenceEquals(c.Prev, before), "a child's Prev does not point at its previous sibling");
                    Check(!Less(c, node), $"heap order: child ({c.CurrentKey}, {c.Seq}) precedes parent ({node.CurrentKey}, {node.Seq})");
                    Check(++children <= _count, "a child list is longer than Count (cycle?)");
                    stack.Push(c);
                    before = c;
                }

                Check(children == node.Degree, $"a node has degree {node.Degree} but {children} children");
            }

            for (int i = order.Count - 1; i >= 0; i--)
            {
                var node = order[i];
                long size = 1 + (sizes.TryGetValue(node, out long s) ? s : 0);
                sizes[node] = size;
                Check(size >= Fibonacci(node.Degree + 2), $"a node of degree {node.Degree} has only {size} nodes in its subtree");
                if (node.Parent is { } parent)
                {
                    sizes[parent] = (sizes.TryGetValue(parent, out long ps) ? ps : 0) + size;
                }
            }

            total += order.Count;
        }

        Check(total == _count, $"Count is {_count} but the heap holds {total} nodes");
        Check(ReferenceEquals(min, _min), "the minimum pointer is not the smallest root");
    }

    private static void Check(bool condition, string invariant)
    {
        if (!condition)
        {
            throw new InvalidOperationException("FibonacciHeap invariant broken: " + invariant);
        }
    }

    private static long Fibonacci(int k)
    {
        long a = 0, b = 1;
        for (int i = 0; i < k; i++)
        {
            (a, b) = (b, a + b);
        }

        return a;
    }
}
