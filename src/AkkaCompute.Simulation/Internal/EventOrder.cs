namespace AkkaCompute.Simulation.Internal;

/// <summary>Orders events by virtual time, then by scheduling sequence (FIFO among equal times).</summary>
internal sealed class EventOrder : IComparer<(long Time, long Seq)>
{
    public static readonly EventOrder Instance = new();

    public int Compare((long Time, long Seq) x, (long Time, long Seq) y)
    {
        if (x.Time != y.Time)
        {
            return x.Time < y.Time ? -1 : 1;
        }

        return x.Seq < y.Seq ? -1 : (x.Seq > y.Seq ? 1 : 0);
    }
}
