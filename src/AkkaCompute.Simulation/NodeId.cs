namespace AkkaCompute.Simulation;

/// <summary>
/// Identifies one simulated node by its index, 0 to <c>nodeCount - 1</c>. A node id names a
/// place in the simulated network, not a process: a crash and restart keeps the id and starts a
/// new incarnation with a new uid (see <see cref="ISimContext{TMessage}.Uid"/>).
/// </summary>
/// <param name="Index">The node's index, 0 to <c>nodeCount - 1</c>; <see cref="None"/> is -1.</param>
public readonly record struct NodeId(int Index) : IComparable<NodeId>
{
    /// <summary>"No node" (index -1): the sender and receiver of a step that is not a message or a timer.</summary>
    public static NodeId None => new(-1);

    /// <summary>Orders node ids by index.</summary>
    /// <param name="other">The node id to compare with.</param>
    /// <returns>Negative, zero or positive as this index is smaller than, equal to or larger than the other.</returns>
    public int CompareTo(NodeId other) => Index.CompareTo(other.Index);

    /// <summary>Formats the id as <c>n{Index}</c>, e.g. <c>n7</c>, or <c>none</c> for <see cref="None"/>.</summary>
    /// <returns>The short text form.</returns>
    public override string ToString() => Index < 0 ? "none" : "n" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
