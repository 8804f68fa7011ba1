using AkkaCompute.Actors;

namespace AkkaCompute.Bench;

/// <summary>
/// The message of <c>bench/run remote</c>: a public record, so that any serializer of the registry handles it (its
/// JSON form, <c>{"Pair":3,"Seq":123456}</c>, is 20 to 30 bytes). The echo sends the same message back.
/// </summary>
/// <param name="Pair">Which pair sent it.</param>
/// <param name="Seq">The pair's sequence number.</param>
public sealed record RemotePing(int Pair, int Seq);

/// <summary>Replies to every message with the message itself (the remote side of the pairs, and the Ask target).</summary>
internal sealed class RemoteEchoActor : ActorBase
{
    protected override bool Receive(object message)
    {
        Sender.Tell(message, Self);
        return true;
    }
}

/// <summary>What one pair's local actor counted; written by the actor, read by the bench thread.</summary>
internal sealed class PairCounters
{
    private long _received;
    private volatile bool _stopping;

    /// <summary>Replies received so far.</summary>
    public long Received => Volatile.Read(ref _received);

    /// <summary>Messages sent whose reply has not come back yet (actor thread only; read once the pair is done).</summary>
    public int Outstanding { get; set; }

    /// <summary>Set by the bench thread: send nothing new, signal <see cref="Drained"/> when the window has come back.</summary>
    public bool Stopping
    {
        get => _stopping;
        set => _stopping = value;
    }

    /// <summary>Completed once stopping and every reply of the window has arrived.</summary>
    public TaskCompletionSource Drained { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void CountReply() => Volatile.Write(ref _received, _received + 1);
}

/// <summary>
/// The local side of one pair: keeps <c>window</c> messages in flight to a remote echo, sending one more for every reply,
/// until <see cref="PairCounters.Stopping"/>; then lets the window drain.
/// </summary>
internal sealed class RemotePingerActor(IActorRef echo, int pair, int window, PairCounters counters) : ActorBase
{
    private int _seq;

    protected override void PreStart()
    {
        for (var i = 0; i < window; i++)
        {
            SendOne();
        }
    }

    protected override bool Receive(object message)
    {
        if (message is not RemotePing)
        {
            return false;
        }

        counters.CountReply();
        counters.Outstanding--;
        if (!counters.Stopping)
        {
            SendOne();
        }
        else if (counters.Outstanding == 0)
        {
            counters.Drained.TrySetResult();
        }

        return true;
    }

    private void SendOne()
    {
        counters.Outstanding++;
        echo.Tell(new RemotePing(pair, _seq++), Self);
    }
}

/// <summary>
/// Sends one message through an actor selection and completes <paramref name="result"/> with the sender of the reply:
/// the remote echo's full ref (with uid), obtained without <c>ResolveOne</c> (which needs refs inside messages to
/// serialize). Later messages to that ref skip the per-message selection lookup on the peer.
/// </summary>
internal sealed class AnchorActor(string selectionPath, TaskCompletionSource<IActorRef> result) : ActorBase
{
    protected override void PreStart() => Context.ActorSelection(selectionPath).Tell(new RemotePing(-1, -1), Self);

    protected override bool Receive(object message)
    {
        result.TrySetResult(Sender);
        Context.Stop(Self);
        return true;
    }
}
