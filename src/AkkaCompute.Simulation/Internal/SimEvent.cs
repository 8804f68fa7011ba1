namespace AkkaCompute.Simulation.Internal;

/// <summary>
/// One queued event, a struct so that queuing allocates nothing beyond the message itself.
/// <see cref="Data"/> holds the byte size of a message, the id of a timer, or the generation of
/// a random heal.
/// </summary>
internal readonly struct SimEvent<TMessage>
{
    public readonly EventKind Kind;
    public readonly int From;
    public readonly int To;
    public readonly int Incarnation;
    public readonly long Data;
    public readonly TMessage? Message;
    public readonly object? Tag;

    public SimEvent(EventKind kind, int from, int to, int incarnation, long data, TMessage? message, object? tag)
    {
        Kind = kind;
        From = from;
        To = to;
        Incarnation = incarnation;
        Data = data;
        Message = message;
        Tag = tag;
    }
}
