namespace AkkaCompute.Simulation;

/// <summary>
/// The run's totals. At any time <c>MessagesSent + MessagesDuplicated == MessagesDelivered +
/// MessagesDropped + MessagesInFlight</c>.
/// </summary>
/// <param name="EventsProcessed">Steps run so far (equals <see cref="Simulation{TMessage}.StepNumber"/>).</param>
/// <param name="MessagesSent">Calls to <see cref="ISimContext{TMessage}.Send"/>.</param>
/// <param name="MessagesDelivered">Message copies delivered.</param>
/// <param name="MessagesDuplicated">Sends the network duplicated (extra copies created).</param>
/// <param name="DroppedLoss">Sends lost at random.</param>
/// <param name="DroppedPartition">Copies dropped because their link was cut (at send or at arrival).</param>
/// <param name="DroppedNodeDown">Copies dropped because the target was down or its incarnation had changed.</param>
/// <param name="MessagesInFlight">Copies scheduled for delivery that have not arrived yet.</param>
/// <param name="TimersFired">Timers that fired.</param>
/// <param name="BytesSent">Bytes of all sends.</param>
/// <param name="BytesDelivered">Bytes of all delivered copies.</param>
public readonly record struct SimulationCounters(
    long EventsProcessed,
    long MessagesSent,
    long MessagesDelivered,
    long MessagesDuplicated,
    long DroppedLoss,
    long DroppedPartition,
    long DroppedNodeDown,
    long MessagesInFlight,
    long TimersFired,
    long BytesSent,
    long BytesDelivered)
{
    /// <summary>All dropped copies: loss + partition + node down.</summary>
    public long MessagesDropped => DroppedLoss + DroppedPartition + DroppedNodeDown;
}
