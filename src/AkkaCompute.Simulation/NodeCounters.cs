namespace AkkaCompute.Simulation;

/// <summary>
/// The traffic counters of one node id, summed over all its incarnations. Sends and drops are
/// counted on the sender; receipts on the receiver. Bytes come from
/// <see cref="SimulationOptions{TMessage}.MessageSizeBytes"/> (0 if it is not set).
/// </summary>
/// <param name="MessagesSent">Calls to <see cref="ISimContext{TMessage}.Send"/> by this node.</param>
/// <param name="MessagesReceived">Message copies delivered to this node.</param>
/// <param name="MessagesDropped">Copies of this node's sends that were dropped (loss, partition, target down).</param>
/// <param name="MessagesDuplicated">This node's sends that the network duplicated (each adds one extra copy).</param>
/// <param name="BytesSent">Bytes of this node's sends (counted once per send, not per copy).</param>
/// <param name="BytesReceived">Bytes of the copies delivered to this node.</param>
/// <param name="TimersFired">Timers of this node that fired.</param>
public readonly record struct NodeCounters(
    long MessagesSent,
    long MessagesReceived,
    long MessagesDropped,
    long MessagesDuplicated,
    long BytesSent,
    long BytesReceived,
    long TimersFired);
