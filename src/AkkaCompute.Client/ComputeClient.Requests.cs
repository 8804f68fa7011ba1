using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Node.Cluster;

namespace AkkaCompute.Client;

/// <summary>
/// Requests to the contact member: each goes to its <see cref="ClientGatewayActor"/> as a <see cref="ClientRequest"/> with a
/// correlation id, always from the same reply actor, so the member's receptionist keeps one response tunnel for this client
/// instead of creating one per request (what a ClusterClient ask does: each ask is a new sender).
/// </summary>
public sealed partial class ComputeClient
{
    private const string GatewayPath = "/user/" + ClientGatewayActor.Name;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<object>> _pending = new();
    private long _nextRequestId;
    private readonly IActorRef _replies;

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="target"/> on the contact member and waits for its answer.
    /// </summary>
    /// <exception cref="AskTimeoutException">No answer within <paramref name="timeout"/>.</exception>
    /// <exception cref="TaskCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidCastException">The answer is not a <typeparamref name="T"/>.</exception>
    private async Task<T> RequestAsync<T>(ClientTarget target, object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextRequestId);
        var answer = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            _client.Tell(new ClusterClient.Send(GatewayPath, new ClientRequest(id, target, message, timeout), localAffinity: true), _replies);
            var reply = await answer.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return reply is T expected
                ? expected
                : throw new InvalidCastException($"the cluster answered {message.GetType().Name} with {reply.GetType().Name}, not {typeof(T).Name}");
        }
        catch (TimeoutException e)
        {
            throw new AskTimeoutException($"no answer to {message.GetType().Name} within {timeout.TotalSeconds:0.#} s: {e.Message}");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// The client's one sender of requests: hands each <see cref="ClientReply"/> to the request waiting for it (a late one is
    /// dropped), and pushed results (<see cref="ResultsPushed"/>) to their waiters.
    /// </summary>
    private sealed class ReplyActor : ReceiveActor
    {
        public ReplyActor(ConcurrentDictionary<long, TaskCompletionSource<object>> pending, Action<ResultsPushed> pushed)
        {
            Receive<ResultsPushed>(pushed);
            Receive<ClientReply>(reply =>
            {
                if (pending.TryGetValue(reply.Id, out var waiter))
                {
                    waiter.TrySetResult(reply.Reply);
                }
            });
        }
    }
}
