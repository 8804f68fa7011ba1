using Akka.Actor;
using Akka.Hosting;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Peer;
using Microsoft.Extensions.Options;

namespace AkkaCompute.Hosting.Embedding;

/// <summary>The <see cref="IComputeService"/> of a node hosted with <see cref="AkkaComputeBuilderExtensions"/>: messages to its PeerActor.</summary>
public sealed class ComputeService : IComputeService
{
    private readonly ActorSystem _system;
    private readonly IRequiredActor<PeerActor> _peer;

    /// <summary>Creates the service.</summary>
    /// <param name="system">The actor system hosting the node.</param>
    /// <param name="peer">The node's PeerActor, as registered by <see cref="AkkaComputeBuilderExtensions.WithAkkaCompute(AkkaConfigurationBuilder, AkkaComputeOptions)"/>.</param>
    /// <param name="options">The node's options (for <see cref="AkkaComputeOptions.RequestTimeout"/>); null for the default 60 s.</param>
    /// <exception cref="ArgumentNullException"><paramref name="system"/> or <paramref name="peer"/> is null.</exception>
    public ComputeService(ActorSystem system, IRequiredActor<PeerActor> peer, IOptions<AkkaComputeOptions>? options = null)
    {
        _system = system ?? throw new ArgumentNullException(nameof(system));
        _peer = peer ?? throw new ArgumentNullException(nameof(peer));
        RequestTimeout = options?.Value.RequestTimeout ?? TimeSpan.FromSeconds(60);
    }

    /// <summary>How long a request waits for the PeerActor's answer. Default 60 s (or <see cref="AkkaComputeOptions.RequestTimeout"/>).</summary>
    public TimeSpan RequestTimeout { get; }

    /// <inheritdoc />
    public async Task<BatchAccepted> SubmitAsync(IReadOnlyList<TaskSpec> tasks, string? clientId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var peer = await _peer.GetAsync(cancellationToken).ConfigureAwait(false);
        var reply = await peer.Ask(new SubmitBatch(tasks, clientId), RequestTimeout, cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            BatchAccepted accepted => accepted,
            BatchRefused refused => throw new ComputeRefusedException(refused.Reason),
            _ => throw new InvalidOperationException($"unexpected reply to a submission: {reply.GetType().Name}"),
        };
    }

    /// <inheritdoc />
    public async Task<TaskResult> ResultAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        var peer = await _peer.GetAsync(cancellationToken).ConfigureAwait(false);
        var done = new TaskCompletionSource<TaskResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = _system.ActorOf(ResultWaiter.Props(peer, taskId, done));
        await using var stop = cancellationToken.Register(() =>
        {
            done.TrySetCanceled(cancellationToken);
            waiter.Tell(PoisonPill.Instance);
        }).ConfigureAwait(false);
        return await done.Task.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<NodeStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        var peer = await _peer.GetAsync(cancellationToken).ConfigureAwait(false);
        return await peer.Ask<NodeStatus>(new GetNodeStatus(), RequestTimeout, cancellationToken).ConfigureAwait(false);
    }
}
