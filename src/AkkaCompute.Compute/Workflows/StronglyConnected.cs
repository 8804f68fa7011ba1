namespace AkkaCompute.Compute.Workflows;

/// <summary>
/// Cycles of a graph given as adjacency arrays: Tarjan's strongly connected components, written
/// iteratively (R. Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1972).
/// </summary>
internal static class StronglyConnected
{
    /// <summary>
    /// One cycle per strongly connected component that has one (two or more nodes, or a node with an
    /// edge to itself), as a node path that starts at the component's smallest node and repeats it at
    /// the end. Ordered by that smallest node. Stops after <paramref name="max"/> cycles.
    /// </summary>
    public static List<int[]> Cycles(int[][] edges, int max)
    {
        var cycles = new List<int[]>();
        foreach (var component in Components(edges).OrderBy(c => c.Min()))
        {
            if (cycles.Count >= max) break;
            var start = component.Min();
            if (component.Count == 1 && !edges[start].Contains(start)) continue;
            cycles.Add(PathBack(edges, start, component.ToHashSet()));
        }
        return cycles;
    }

    private static List<List<int>> Components(int[][] edges)
    {
        var n = edges.Length;
        var index = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var components = new List<List<int>>();
        var next = 0;
        var work = new Stack<(int Node, int Edge)>();
        for (var root = 0; root < n; root++)
        {
            if (index[root] >= 0) continue;
            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (v, e) = work.Pop();
                if (e == 0)
                {
                    index[v] = low[v] = next++;
                    stack.Push(v);
                    onStack[v] = true;
                }
                else
                {
                    var child = edges[v][e - 1];
                    low[v] = Math.Min(low[v], low[child]);
                }
                var descended = false;
                for (; e < edges[v].Length; e++)
                {
                    var w = edges[v][e];
                    if (index[w] < 0)
                    {
                        work.Push((v, e + 1));
                        work.Push((w, 0));
                        descended = true;
                        break;
                    }
                    if (onStack[w]) low[v] = Math.Min(low[v], index[w]);
                }
                if (descended || low[v] != index[v]) continue;
                var component = new List<int>();
                int x;
                do
                {
                    x = stack.Pop();
                    onStack[x] = false;
                    component.Add(x);
                }
                while (x != v);
                components.Add(component);
            }
        }
        return components;
    }

    /// <summary>A shortest path from <paramref name="start"/> back to itself inside <paramref name="component"/> (breadth-first).</summary>
    private static int[] PathBack(int[][] edges, int start, HashSet<int> component)
    {
        var parent = new Dictionary<int, int>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var w in edges[v])
            {
                if (!component.Contains(w)) continue;
                if (w == start)
                {
                    var path = new List<int> { start };
                    for (var x = v; x != start; x = parent[x]) path.Add(x);
                    path.Add(start);
                    path.Reverse(1, path.Count - 2);
                    return [.. path];
                }
                if (parent.ContainsKey(w)) continue;
                parent[w] = v;
                queue.Enqueue(w);
            }
        }
        throw new InvalidOperationException("a strongly connected component without a cycle back to its start");
    }
}
