using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using AkkaCompute.Cli.Api.Dtos;
using AkkaCompute.Hosting.Node;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Cli.Api;

/// <summary>
/// Reads the node's task events into the <see cref="TaskBoard"/> and fans them, with membership events, out to the clients of
/// <c>GET /api/v1/events</c> (server-sent events <c>task</c> and <c>member</c>, JSON data). Each client has a queue of at most
/// <see cref="ClientQueueLength"/> events; a client that reads slower loses the oldest ones (the stream goes on). At most
/// <see cref="MaxClients"/> clients at once.
/// </summary>
internal sealed class ApiEventHub : IAsyncDisposable
{
    /// <summary>Events queued per client before the oldest are dropped: 10,000.</summary>
    public const int ClientQueueLength = 10_000;

    /// <summary>Most clients of the events stream at once: 64 (one more is refused with 503).</summary>
    public const int MaxClients = 64;

    private readonly ComputeNode _node;
    private readonly TaskBoard _board;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly List<Channel<SseItem<string>>> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _pump = Task.CompletedTask;
    private IActorRef? _members;

    /// <summary>Creates the hub; <see cref="Start"/> starts reading.</summary>
    public ApiEventHub(ComputeNode node, TaskBoard board, TimeProvider clock, ILogger log)
    {
        _node = node;
        _board = board;
        _clock = clock;
        _log = log;
    }

    /// <summary>Subscribes to the node's task events and the cluster's membership events.</summary>
    public void Start()
    {
        var events = _node.SubscribeEvents();
        _members = _node.System.ActorOf(Management.ClusterEventSource.Props(
            Akka.Cluster.Cluster.Get(_node.System),
            _clock,
            currentStateFirst: false,
            change =>
            {
                if (change.Kind != "leader")
                {
                    PublishMember(new MemberEventDto(change.Address!, change.Event, change.Status!, change.At));
                }
            }));
        _pump = Task.Run(() => PumpAsync(events));
    }

    /// <summary>Sends a membership event to every client.</summary>
    public void PublishMember(MemberEventDto e) => Broadcast("member", () => JsonSerializer.Serialize(e, ApiJsonContext.Default.MemberEventDto));

    /// <summary>
    /// A new client's events until <paramref name="ct"/> is cancelled or the hub stops; null when <see cref="MaxClients"/> are connected.
    /// </summary>
    public IAsyncEnumerable<SseItem<string>>? Subscribe(CancellationToken ct)
    {
        var channel = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(ClientQueueLength) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            if (_clients.Count >= MaxClients || _stop.IsCancellationRequested)
            {
                return null;
            }

            _clients.Add(channel);
        }

        // A first comment-like event tells the client the stream is open before any task moves.
        channel.Writer.TryWrite(new SseItem<string>("{}", "hello"));
        return ReadAsync(channel, ct);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var c in _clients)
            {
                c.Writer.TryComplete();
            }

            _clients.Clear();
        }

        _members?.Tell(PoisonPill.Instance);
        try
        {
            await _pump.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The node's event channel completes when the node stops; the pump ends then.
        }

        _stop.Dispose();
    }

    private async IAsyncEnumerable<SseItem<string>> ReadAsync(Channel<SseItem<string>> channel, [EnumeratorCancellation] CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token);
        try
        {
            while (true)
            {
                SseItem<string> item;
                try
                {
                    if (!await channel.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false) || !channel.Reader.TryRead(out item))
                    {
                        yield break;
                    }
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                yield return item;
            }
        }
        finally
        {
            lock (_gate)
            {
                _clients.Remove(channel);
            }
        }
    }

    private async Task PumpAsync(ChannelReader<Compute.Protocol.TaskEvent> events)
    {
        try
        {
            await foreach (var e in events.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                var dto = _board.Apply(e, _clock.GetUtcNow());
                Broadcast(e.IsProgress ? "progress" : "task", () => JsonSerializer.Serialize(dto, ApiJsonContext.Default.TaskEventDto));
            }
        }
        catch (OperationCanceledException)
        {
            // The API stops.
        }
        catch (ChannelClosedException e)
        {
            _log.LogWarning("the REST API's task events ended: {Message}", e.InnerException?.Message ?? e.Message);
        }
    }

    private void Broadcast(string type, Func<string> data)
    {
        lock (_gate)
        {
            if (_clients.Count == 0)
            {
                return;
            }

            var item = new SseItem<string>(data(), type);
            foreach (var c in _clients)
            {
                c.Writer.TryWrite(item);
            }
        }
    }
}
