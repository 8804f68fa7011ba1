using Akka.Actor;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Hosting.Embedding;

/// <summary>
/// Waits for one task's result: subscribes to the PeerActor's task events, then asks for the result (in that order, so a
/// result recorded in between is not missed), completes <c>done</c> with the first terminal result and stops itself.
/// </summary>
internal sealed class ResultWaiter : ReceiveActor
{
    private readonly IActorRef _peer;
    private readonly string _taskId;

    public ResultWaiter(IActorRef peer, string taskId, TaskCompletionSource<TaskResult> done)
    {
        _peer = peer;
        _taskId = taskId;
        Receive<TaskResult>(r => r.TaskId == taskId, r =>
        {
            done.TrySetResult(r);
            Context.Stop(Self);
        });
        Receive<TaskNotFinished>(_ => { }); // the event comes later
        Receive<TaskEvent>(e => e.TaskId == taskId && e.State.IsTerminal(), e =>
        {
            if (e.Result is { } result)
            {
                done.TrySetResult(result);
                Context.Stop(Self);
            }
            else
            {
                _peer.Tell(new GetTaskResult(taskId));
            }
        });
        Receive<TaskEvent>(_ => { });
    }

    /// <summary>The props of a waiter for <paramref name="taskId"/>.</summary>
    public static Props Props(IActorRef peer, string taskId, TaskCompletionSource<TaskResult> done) =>
        Akka.Actor.Props.Create(() => new ResultWaiter(peer, taskId, done));

    protected override void PreStart()
    {
        _peer.Tell(new SubscribeTaskEvents());
        _peer.Tell(new GetTaskResult(_taskId));
    }
}
