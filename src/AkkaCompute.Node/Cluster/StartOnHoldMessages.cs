using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Node.Cluster;

/// <summary>
/// From a member's replica (<see cref="AcceptedReplicaActor"/>) to its PeerActor, in-process only: the replica now holds
/// these tasks of <paramref name="Home"/>, and the home named this member their owner in the same message
/// (<see cref="Compute.Protocol.ReplicateAccepted.Owners"/>), so they run here at once, as if the home had sent them in a
/// <see cref="Compute.Protocol.RunTasks"/>.
/// </summary>
/// <param name="Home">The home's address (<c>akka.tcp://akc@host:port</c>); attempt reports go to its PeerActor.</param>
/// <param name="Tasks">The tasks, as accepted; each runs as its first attempt (<see cref="AcceptedReplicaActor.FirstAttempt"/>).</param>
public sealed record StartHeld(string Home, IReadOnlyList<TaskSpec> Tasks);

/// <summary>
/// From a member's replica to its PeerActor, in-process only: the replica was told to forget these entries it had started
/// here on hold (<see cref="StartHeld"/>), e.g. because their batch was refused; those still queued here are dropped.
/// </summary>
/// <param name="Keys">Entry keys (<see cref="Compute.Distributed.AcceptedTask.Key"/>: <c>home + "#" + taskId</c>, the same as the
/// PeerActor's key of a foreign task).</param>
public sealed record ForgetStartedHeld(IReadOnlyList<string> Keys);
