namespace AkkaCompute.Simulation.Placement;

/// <summary>
/// What the clients saw: which tasks were acknowledged, and the result each task delivered. A task whose results differ
/// is a <see cref="PlacementViolationKind.TwoResults"/>; the same result again is counted, not recorded.
/// </summary>
internal sealed class ClientLedger(SafetyChecker checker)
{
    private readonly HashSet<string> acked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> delivered = new(StringComparer.Ordinal);

    public List<string> AckedInOrder { get; } = [];

    public int Submitted { get; set; }

    public int Rejected { get; set; }

    public int DeliveredAcked { get; private set; }

    public int Delivered => delivered.Count;

    public int DuplicateDeliveries { get; private set; }

    public int Acked => AckedInOrder.Count;

    public bool IsAcked(string taskId) => acked.Contains(taskId);

    public bool IsDelivered(string taskId) => delivered.ContainsKey(taskId);

    public void Ack(string taskId)
    {
        if (acked.Add(taskId))
        {
            AckedInOrder.Add(taskId);
            if (delivered.ContainsKey(taskId))
            {
                DeliveredAcked++;
            }
        }
    }

    public void Deliver(string taskId, string producer, string home)
    {
        if (delivered.TryGetValue(taskId, out var first))
        {
            if (!string.Equals(first, producer, StringComparison.Ordinal))
            {
                checker.Fail(PlacementViolationKind.TwoResults, $"{taskId}: the client got {first}, then {producer} from {home}");
            }

            DuplicateDeliveries++;
            return;
        }

        delivered[taskId] = producer;
        if (acked.Contains(taskId))
        {
            DeliveredAcked++;
        }
    }
}
