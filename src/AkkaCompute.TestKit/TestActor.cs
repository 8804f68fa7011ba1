using System.Collections.Concurrent;
using AkkaCompute.Actors;

namespace AkkaCompute.TestKit;

/// <summary>The actor behind a <see cref="TestProbe"/>: queues every message with its sender.</summary>
internal sealed class TestActor(BlockingCollection<Envelope> queue) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchCommand w:
                if (w.Watch)
                {
                    Context.Watch(w.Target);
                }
                else
                {
                    Context.Unwatch(w.Target);
                }

                w.Done.TrySetResult();
                return true;
            default:
                queue.Add(new Envelope(message, Sender));
                return true;
        }
    }

    internal sealed record WatchCommand(IActorRef Target, bool Watch, TaskCompletionSource Done);
}
