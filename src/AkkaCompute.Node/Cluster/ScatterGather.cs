using Akka.Actor;

namespace AkkaCompute.Node.Cluster;

/// <summary>
/// Asks every target the same question and answers <c>replyTo</c> once, with <c>combine</c> over the answers that came:
/// when all targets answered, or after the timeout (an unreachable member does not answer). Stops itself after answering.
/// A member that a client reaches through ClusterClient is not always the home of the tasks the client asks about
/// (ClusterClient connects to any receptionist it learns of), so a member asks the others for tasks it does not know.
/// </summary>
internal sealed class ScatterGather : ReceiveActor
{
    private readonly List<object> _answers = [];

    public ScatterGather(IReadOnlyList<ActorSelection> targets, object request, IActorRef replyTo, Func<IReadOnlyList<object>, object> combine, TimeSpan timeout)
    {
        foreach (var target in targets)
        {
            target.Tell(request, Self);
        }

        void Finish()
        {
            replyTo.Tell(combine(_answers), Context.Parent);
            Context.Stop(Self);
        }

        if (targets.Count == 0)
        {
            Finish();
            return;
        }

        Context.SetReceiveTimeout(timeout);
        Receive<ReceiveTimeout>(_ => Finish());
        ReceiveAny(answer =>
        {
            _answers.Add(answer);
            if (_answers.Count == targets.Count)
            {
                Finish();
            }
        });
    }

    /// <summary>Props for one question.</summary>
    public static Props Props(IReadOnlyList<ActorSelection> targets, object request, IActorRef replyTo, Func<IReadOnlyList<object>, object> combine, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new ScatterGather(targets, request, replyTo, combine, timeout));
}
