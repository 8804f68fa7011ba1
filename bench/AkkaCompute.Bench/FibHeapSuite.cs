using System.Diagnostics;
using AkkaCompute.Compute.Collections;

namespace AkkaCompute.Bench;

/// <summary>
/// The <c>fibheap</c> suite: <see cref="FibonacciHeap{TKey, TValue}"/> against
/// <see cref="PriorityQueue{TElement, TPriority}"/> on the same random priorities (seeded, so every run
/// measures the same work). Each figure is the best of several timed runs after one warm-up run.
/// </summary>
public static class FibHeapSuite
{
    private const string Suite = "fibheap";
    private const int Seed = 20250611;
    private const int FullSize = 1_000_000;
    private const int QuickSize = 200_000;

    /// <summary>Runs the suite; <paramref name="quick"/> uses 200,000 elements instead of 1,000,000 (same metric names).</summary>
    /// <param name="quick">Smaller sizes and fewer runs, so the suite finishes well under 60 s.</param>
    /// <returns>The figures, in milliseconds.</returns>
    public static IEnumerable<BenchResult> Run(bool quick)
    {
        int n = quick ? QuickSize : FullSize;
        int runs = quick ? 3 : 5;
        var random = new Random(Seed);
        var priorities = new int[n];
        var decreases = new int[n];
        for (int i = 0; i < n; i++)
        {
            priorities[i] = random.Next();
            decreases[i] = random.Next();
        }

        long fibChecksum = 0, queueChecksum = 0;
        double fib = Best(runs, () => fibChecksum = FibInsertExtract(priorities));
        double pq = Best(runs, () => queueChecksum = QueueInsertExtract(priorities));
        if (fibChecksum != queueChecksum)
        {
            throw new InvalidOperationException("FibonacciHeap and PriorityQueue extracted different sequences.");
        }

        yield return new BenchResult(Suite, "fibheap_insert_extract_1m_ms", fib, "ms", pq);

        double decrease = Best(runs, () => FibDecreaseKey(priorities, decreases));
        yield return new BenchResult(Suite, "fibheap_decrease_key_1m_ms", decrease, "ms");

        // Aging as the scheduler does it: 100,000 queued tasks; in each round a set of waiting tasks gains priority; then
        // everything is drained. Ours raises them with decrease-key; PriorityQueue has none, so it removes each one
        // (Remove(element), a linear search) and inserts it again with the new key. Same seeded work, same checksum.
        long fibAged = 0, queueAged = 0;
        double fibAging = Best(runs, () => fibAged = FibAging(AgingTasks, AgingRounds, AgedPerRound));
        double queueAging = Best(runs, () => queueAged = QueueAging(AgingTasks, AgingRounds, AgedPerRound));
        if (fibAged != queueAged)
        {
            throw new InvalidOperationException("FibonacciHeap and PriorityQueue aged into different orders.");
        }

        yield return new BenchResult(Suite, "fibheap_aging_ms", fibAging, "ms", queueAging);
    }

    private const int AgingTasks = 100_000;
    private const int AgingRounds = 20;
    private const int AgedPerRound = 1_000;

    /// <summary>The task ids aged in <paramref name="round"/>: a seeded sample, the same for both structures.</summary>
    private static int[] AgedIn(int round, int tasks, int count)
    {
        var random = new Random(Seed + round);
        var ids = new int[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = random.Next(tasks);
        }

        return ids;
    }

    // Keys are (priority, id) packed in a long so that ties break the same way in both structures.
    private static long Key(int priority, int id) => ((long)priority << 20) | (uint)id;

    private static long FibAging(int tasks, int rounds, int perRound)
    {
        var heap = new FibonacciHeap<long, int>();
        var handles = new FibonacciHeapHandle<long, int>[tasks];
        var priority = new int[tasks];
        for (int i = 0; i < tasks; i++)
        {
            priority[i] = 1_000 + (i % 100);
            handles[i] = heap.Insert(Key(priority[i], i), i);
        }

        for (int r = 0; r < rounds; r++)
        {
            foreach (var id in AgedIn(r, tasks, perRound))
            {
                priority[id]--;
                heap.DecreaseKey(handles[id], Key(priority[id], id));
            }
        }

        long sum = 0, k = 1;
        while (heap.TryExtractMin(out long key, out _))
        {
            sum += key * k++;
        }

        return sum;
    }

    private static long QueueAging(int tasks, int rounds, int perRound)
    {
        var queue = new PriorityQueue<int, long>(tasks);
        var priority = new int[tasks];
        for (int i = 0; i < tasks; i++)
        {
            priority[i] = 1_000 + (i % 100);
            queue.Enqueue(i, Key(priority[i], i));
        }

        for (int r = 0; r < rounds; r++)
        {
            foreach (var id in AgedIn(r, tasks, perRound))
            {
                queue.Remove(id, out _, out _);
                priority[id]--;
                queue.Enqueue(id, Key(priority[id], id));
            }
        }

        long sum = 0, k = 1;
        while (queue.TryDequeue(out _, out long key))
        {
            sum += key * k++;
        }

        return sum;
    }

    private static double Best(int runs, Action body)
    {
        body(); // warm-up: JIT tiers, first-touch of the heap pages
        double best = double.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var sw = Stopwatch.StartNew();
            body();
            sw.Stop();
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    // Both loops return an order-sensitive checksum, so the sequences must match and the work cannot be elided.
    private static long FibInsertExtract(int[] priorities)
    {
        var heap = new FibonacciHeap<int, int>();
        for (int i = 0; i < priorities.Length; i++)
        {
            heap.Insert(priorities[i], i);
        }

        long sum = 0;
        long k = 1;
        while (heap.TryExtractMin(out int key, out _))
        {
            sum += key * k++;
        }

        return sum;
    }

    private static long QueueInsertExtract(int[] priorities)
    {
        var queue = new PriorityQueue<int, int>();
        for (int i = 0; i < priorities.Length; i++)
        {
            queue.Enqueue(i, priorities[i]);
        }

        long sum = 0;
        long k = 1;
        while (queue.TryDequeue(out _, out int key))
        {
            sum += key * k++;
        }

        return sum;
    }

    private static void FibDecreaseKey(int[] priorities, int[] decreases)
    {
        var heap = new FibonacciHeap<int, int>();
        var handles = new FibonacciHeapHandle<int, int>[priorities.Length];
        for (int i = 0; i < priorities.Length; i++)
        {
            handles[i] = heap.Insert(priorities[i], i);
        }

        // One extraction links the inserted roots into trees, so the decreases below cut nodes out of trees
        // (with cascading cuts) instead of merely relabelling roots.
        heap.ExtractMin();
        for (int i = 0; i < handles.Length; i++)
        {
            var h = handles[i];
            if (h.IsInHeap)
            {
                // A random key in [0, current key]: smaller except when the key is already 0.
                heap.DecreaseKey(h, (int)((long)h.Key * decreases[i] / ((long)int.MaxValue + 1)));
            }
        }

        int last = int.MinValue;
        while (heap.TryExtractMin(out int key, out _))
        {
            if (key < last)
            {
                throw new InvalidOperationException("FibonacciHeap extracted out of order after DecreaseKey.");
            }

            last = key;
        }
    }
}
