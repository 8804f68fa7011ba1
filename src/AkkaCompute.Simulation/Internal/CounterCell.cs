namespace AkkaCompute.Simulation.Internal;

/// <summary>The mutable per-node counters behind <see cref="NodeCounters"/> (kept in an array, updated by ref).</summary>
internal struct CounterCell
{
    public long Sent;
    public long Received;
    public long Dropped;
    public long Duplicated;
    public long BytesSent;
    public long BytesReceived;
    public long TimersFired;

    public readonly NodeCounters ToCounters() =>
        new(Sent, Received, Dropped, Duplicated, BytesSent, BytesReceived, TimersFired);
}
