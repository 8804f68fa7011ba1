using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using AkkaCompute.Actors;
using AkkaCompute.Remote.Endpoint;
using AkkaCompute.Remote.Serialization;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Remote;

/// <summary>
/// The remoting engine of one actor system (Akka's RemoteActorRefProvider + EndpointManager): it listens for
/// associations, owns one outbound <see cref="Association"/> per peer address, resolves serialized paths, and
/// delivers inbound frames. Its state is thread-safe; actor-facing logic lives in <see cref="RemoteWatcher"/>.
/// </summary>
internal sealed partial class RemoteTransport : IActorRefResolver
{
    private const int RefCacheLimit = 50_000;

    private readonly ConcurrentDictionary<Address, Association> _associations = new();
    private readonly ConcurrentDictionary<Address, long> _peerUids = new();
    private readonly ConcurrentDictionary<long, Address> _quarantined = new();
    private readonly ConcurrentDictionary<long, SystemMessageSequence> _inboundSystemSequences = new();
    private readonly ConcurrentDictionary<string, ActorRefBase> _temp = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IActorRef> _refCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ActorRefBase> _inboundRecipients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<InboundConnection, byte> _inbound = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TcpListener _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _pendingHandshakes;

    private RemoteTransport(ActorSystemImpl system, RemoteSettings settings, TcpListener listener, ConnectionSecurity security)
    {
        System = system;
        Settings = settings;
        Security = security;
        _listener = listener;
        Log = system.LoggerFactory.CreateLogger("AkkaCompute.Remote.Remoting");
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Address = new Address(RemoteSettings.Protocol, system.Name, settings.Hostname, port);
        Uid = NewUid();
        Serialization = new SerializationRegistry(this);
    }

    public ActorSystemImpl System { get; }

    public RemoteSettings Settings { get; }

    public ConnectionSecurity Security { get; }

    public ILogger Log { get; }

    public Address Address { get; }

    public long Uid { get; }

    public SerializationRegistry Serialization { get; }

    public IActorRef Watcher { get; private set; } = ActorRefs.Nobody;

    public CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>What this node is, for judging handshakes.</summary>
    public LocalIdentity LocalIdentity => _localIdentity ??= new LocalIdentity(System.Name, Settings.ClusterId, Security.PskKey is not null, Security.AllowedNodeIds);

    private LocalIdentity? _localIdentity;

    public TimeProvider TimeProvider => System.TimeProvider;

    /// <summary>Binds the listener and wires the transport into <paramref name="system"/>.</summary>
    /// <exception cref="ConfigurationException">A setting is invalid, the port is in use, or a certificate cannot be loaded.</exception>
    public static RemoteTransport Start(ActorSystemImpl system, RemoteSettings settings)
    {
        settings.Validate();
        var security = ConnectionSecurity.Create(settings);
        var listener = Bind(settings);
        var transport = new RemoteTransport(system, settings, listener, security);
        transport.Wire();
        return transport;
    }

    private static TcpListener Bind(RemoteSettings settings)
    {
        var ip = IPAddress.TryParse(settings.Hostname, out var parsed) ? parsed : ResolveHost(settings.Hostname);
        var listener = new TcpListener(ip, settings.Port);
        try
        {
            listener.Start(backlog: 1024);
            return listener;
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new ConfigurationException(
                e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "akc.remote.port" : "akc.remote.hostname",
                $"{settings.Hostname}:{settings.Port}",
                $"cannot listen: {e.Message}");
        }
    }

    private static IPAddress ResolveHost(string host)
    {
        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault() ?? throw new ConfigurationException("akc.remote.hostname", host, "resolves to no address");
        }
        catch (SocketException e)
        {
            throw new ConfigurationException("akc.remote.hostname", host, $"cannot be resolved: {e.Message}");
        }
    }

    private static long NewUid()
    {
        Span<byte> bytes = stackalloc byte[8];
        long uid;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            uid = BitConverter.ToInt64(bytes) & long.MaxValue;
        }
        while (uid == 0);
        return uid;
    }

    private void Wire()
    {
        System.RemoteAddress = Address;
        System.RemoteResolver = ResolveForSelection;
        Watcher = System.SystemActorOf(Props.Create(() => new RemoteWatcher(this)), "remote-watcher");
        System.RegisterTerminationHook(ShutdownAsync);
        _acceptLoop = Task.Run(AcceptLoopAsync);
        Log.LogInformation("remoting started; listening on {Address} (uid {Uid}, security {Mode})", Address, Uid, Settings.SecurityMode);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_shutdown.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_shutdown.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                Log.LogWarning("accept failed: {Message}", e.Message);
                continue;
            }

            if (Interlocked.Increment(ref _pendingHandshakes) > Settings.MaxPendingHandshakes)
            {
                Interlocked.Decrement(ref _pendingHandshakes);
                Log.LogWarning("closing connection from {Endpoint}: {Max} handshakes already pending (akc.remote.max-pending-handshakes)", socket.RemoteEndPoint, Settings.MaxPendingHandshakes);
                socket.Dispose();
                continue;
            }

            var connection = new InboundConnection(this, socket);
            _inbound[connection] = 0;
            _ = RunInboundAsync(connection);
        }
    }

    private async Task RunInboundAsync(InboundConnection connection)
    {
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _inbound.TryRemove(connection, out _);
        }
    }

    /// <summary>Called once by an inbound connection when its handshake ends, whatever the outcome.</summary>
    public void HandshakeEnded() => Interlocked.Decrement(ref _pendingHandshakes);

    /// <summary>Accepted sockets still handshaking (for tests of the half-open limit).</summary>
    public int PendingHandshakes => Volatile.Read(ref _pendingHandshakes);

    /// <summary>The association to <paramref name="remote"/>, created on first use; null once shut down.</summary>
    public Association? GetAssociation(Address remote)
    {
        if (_shutdown.IsCancellationRequested)
        {
            return null;
        }

        return _associations.TryGetValue(remote, out var a) ? a : _associations.GetOrAdd(remote, r => new Association(this, r));
    }

    /// <summary>True when <paramref name="uid"/> is a quarantined incarnation.</summary>
    public bool IsQuarantined(long uid) => _quarantined.ContainsKey(uid);

    /// <summary>The last known incarnation uid of <paramref name="address"/>, or 0.</summary>
    public long PeerUid(Address address) => _peerUids.TryGetValue(address, out var uid) ? uid : 0;

    /// <summary>Records that <paramref name="address"/> now runs incarnation <paramref name="uid"/>; a different earlier uid is quarantined.</summary>
    public void OnPeerIncarnation(Address address, long uid)
    {
        var previous = 0L;
        _peerUids.AddOrUpdate(address, uid, (_, old) =>
        {
            previous = old;
            return uid;
        });
        if (previous != 0 && previous != uid)
        {
            Quarantine(address, previous, $"restarted with a new uid {uid}");
        }
    }

    /// <summary>Quarantines incarnation <paramref name="uid"/> of <paramref name="address"/>: it is never associated with again and watchers of its actors are told.</summary>
    public void Quarantine(Address address, long uid, string reason)
    {
        if (uid != 0 && !_quarantined.TryAdd(uid, address))
        {
            return;
        }

        _inboundSystemSequences.TryRemove(uid, out _);
        if (_associations.TryGetValue(address, out var association))
        {
            association.OnQuarantined(uid);
        }

        Log.LogWarning("quarantined {Address} (uid {Uid}): {Reason}", address, uid, reason);
        System.EventStream.Publish(new QuarantinedEvent(address, uid, reason));
        Watcher.Tell(new RemoteWatcher.AddressTerminated(address, reason), ActorRefs.NoSender);
    }

    /// <summary>The peer said goodbye (it is shutting down): its incarnation is quarantined and watchers of its actors are told.</summary>
    public void OnPeerDisassociated(Address address, string reason)
    {
        Log.LogInformation("{Address} disassociated: {Reason}", address, reason);
        System.EventStream.Publish(new DisassociatedEvent(Address, address, reason));
        var uid = PeerUid(address);
        if (uid != 0)
        {
            Quarantine(address, uid, reason);
        }
        else
        {
            Watcher.Tell(new RemoteWatcher.AddressTerminated(address, reason), ActorRefs.NoSender);
        }
    }

    private ActorRefBase? ResolveForSelection(ActorPath path) =>
        path.Address.Protocol == RemoteSettings.Protocol ? (ActorRefBase)ResolveActorRef(path.ToSerializationFormat()) : null;

    /// <summary>Flushes and closes every association, stops listening. Runs after every actor has stopped.</summary>
    public async Task ShutdownAsync()
    {
        if (_shutdown.IsCancellationRequested)
        {
            return;
        }

        var closing = _associations.Values.Select(a => a.CloseAsync("peer shut down")).ToArray();
        try
        {
            await Task.WhenAll(closing).WaitAsync(TimeSpan.FromSeconds(2), TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.LogWarning("some associations did not flush within 2 s of shutdown");
        }

        _shutdown.Cancel();
        _listener.Stop();
        foreach (var c in _inbound.Keys)
        {
            c.Abort();
        }

        await _acceptLoop.ConfigureAwait(false);
        Log.LogInformation("remoting on {Address} stopped", Address);
    }
}
