namespace AkkaCompute.Simulation.Internal;

/// <summary>
/// Which directed links are open. A link from a to b is open when a and b are in the same
/// symmetric group and no one-way rule has a in its "from" set and b in its "to" set. Rules are
/// kept in a list and checked in order (no hash iteration). O(1) when healed.
/// </summary>
internal sealed class LinkTable
{
    private readonly int[] group;
    private readonly List<(bool[] From, bool[] To)> oneWay = new();
    private int nextGroup;
    private bool healed = true;

    public LinkTable(int nodeCount)
    {
        group = new int[nodeCount];
        nextGroup = 1;
    }

    public bool IsHealed => healed;

    public bool IsOpen(int from, int to)
    {
        if (healed)
        {
            return true;
        }

        if (group[from] != group[to])
        {
            return false;
        }

        for (var i = 0; i < oneWay.Count; i++)
        {
            var rule = oneWay[i];
            if (rule.From[from] && rule.To[to])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Replaces the symmetric groups: node i goes to group groupOf[i]. One-way rules stay.</summary>
    public void SetGroups(int[] groupOf)
    {
        var max = 0;
        for (var i = 0; i < group.Length; i++)
        {
            group[i] = groupOf[i];
            max = Math.Max(max, groupOf[i]);
        }

        nextGroup = max + 1;
        healed = false;
    }

    /// <summary>Moves one node into a group of its own.</summary>
    public void Isolate(int node)
    {
        group[node] = nextGroup++;
        healed = false;
    }

    public void AddOneWay(bool[] from, bool[] to)
    {
        oneWay.Add((from, to));
        healed = false;
    }

    public void Heal()
    {
        Array.Clear(group);
        oneWay.Clear();
        nextGroup = 1;
        healed = true;
    }
}
