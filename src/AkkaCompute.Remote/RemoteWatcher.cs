using AkkaCompute.Actors;
using AkkaCompute.Remote.FailureDetection;
using AkkaCompute.Remote.Wire;
using Microsoft.Extensions.Logging;

namespace AkkaCompute.Remote;

/// <summary>
/// Remote DeathWatch (Akka's RemoteWatcher), at <c>/system/remote-watcher</c>: records which local actors watch which
/// remote actors, sends Watch/Unwatch across, probes every watched node each
/// <see cref="RemoteSettings.WatchHeartbeatInterval"/> and judges the replies with a phi-accrual failure detector. When
/// a node is judged failed, shuts down or is quarantined, every watcher of its actors gets <see cref="Terminated"/>
/// with <c>AddressTerminated = true</c>.
/// </summary>
internal sealed class RemoteWatcher : ReceiveActor, IWithTimers
{
    private readonly RemoteTransport _transport;
    private readonly Dictionary<RemoteActorRef, HashSet<ActorRefBase>> _watching = [];
    private readonly Dictionary<Address, WatchedNode> _nodes = [];

    public RemoteWatcher(RemoteTransport transport)
    {
        _transport = transport;
        Receive<WatchRemote>(OnWatch);
        Receive<UnwatchRemote>(OnUnwatch);
        Receive<RemoteTerminated>(OnRemoteTerminated);
        Receive<HeartbeatReceived>(OnHeartbeat);
        Receive<AddressTerminated>(OnAddressTerminated);
        Receive<HeartbeatTick>(_ => OnTick());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() =>
        Timers.StartPeriodicTimer("heartbeat", HeartbeatTick.Instance, _transport.Settings.WatchHeartbeatInterval);

    private void OnWatch(WatchRemote m)
    {
        if (!_watching.TryGetValue(m.Watchee, out var watchers))
        {
            _watching[m.Watchee] = watchers = [];
        }

        if (!watchers.Add(m.Watcher))
        {
            return;
        }

        var address = m.Watchee.Path.Address;
        if (!_nodes.TryGetValue(address, out var node))
        {
            _nodes[address] = node = new WatchedNode(new PhiAccrualFailureDetector(_transport.Settings.WatchFailureDetector, _transport.TimeProvider), _transport.TimeProvider.GetTimestamp());
            _transport.SendSystemFrame(address, new WireFrame { Heartbeat = new Heartbeat { Uid = _transport.Uid } });
        }

        node.Watches++;
        _transport.SendSystemEnvelope(address, new SystemEnvelope { Watch = new WatchData { Watchee = m.Watchee.WireRef, Watcher = _transport.WireRefOf(m.Watcher) } });
    }

    private void OnUnwatch(UnwatchRemote m)
    {
        if (Remove(m.Watchee, m.Watcher))
        {
            _transport.SendSystemEnvelope(m.Watchee.Path.Address, new SystemEnvelope { Unwatch = new WatchData { Watchee = m.Watchee.WireRef, Watcher = _transport.WireRefOf(m.Watcher) } });
        }
    }

    private void OnRemoteTerminated(RemoteTerminated m)
    {
        // The notification names the actor with its uid; the watch may have been made through a path without one.
        var watchee = _watching.Keys.FirstOrDefault(w => w.Path.Equals(m.Actor.Path) && _watching[w].Contains(m.Watcher)) ?? m.Actor;
        if (watchee is RemoteActorRef remote)
        {
            Remove(remote, m.Watcher);
        }

        m.Watcher.SendSystemMessage(new DeathWatchNotification(watchee, m.ExistenceConfirmed, m.AddressTerminated));
    }

    private void OnHeartbeat(HeartbeatReceived m)
    {
        if (_nodes.TryGetValue(m.Address, out var node))
        {
            node.Detector.Heartbeat();
        }
    }

    private void OnTick()
    {
        if (_nodes.Count == 0)
        {
            return;
        }

        var now = _transport.TimeProvider.GetTimestamp();
        List<(Address, string)>? failed = null;
        foreach (var (address, node) in _nodes)
        {
            _transport.SendSystemFrame(address, new WireFrame { Heartbeat = new Heartbeat { Uid = _transport.Uid } });
            var settings = node.Detector.Settings;
            if (node.Detector.IsMonitoring)
            {
                if (!node.Detector.IsAvailable())
                {
                    (failed ??= []).Add((address, $"failure detector: phi {node.Detector.Phi():0.0} > threshold {settings.Threshold}"));
                }
            }
            else if (_transport.TimeProvider.GetElapsedTime(node.FirstProbe, now) > settings.AcceptableHeartbeatPause + settings.FirstHeartbeatEstimate)
            {
                (failed ??= []).Add((address, $"no heartbeat reply within {(settings.AcceptableHeartbeatPause + settings.FirstHeartbeatEstimate).TotalMilliseconds:0} ms"));
            }
        }

        foreach (var (address, reason) in failed ?? [])
        {
            var uid = _transport.PeerUid(address);
            if (uid != 0)
            {
                _transport.Quarantine(address, uid, reason);
            }

            OnAddressTerminated(new AddressTerminated(address, reason));
        }
    }

    private void OnAddressTerminated(AddressTerminated m)
    {
        var watchees = _watching.Keys.Where(w => w.Path.Address.Equals(m.Address)).ToList();
        if (watchees.Count > 0)
        {
            _transport.Log.LogInformation("{Address} terminated ({Reason}); notifying watchers of {Count} actors", m.Address, m.Reason, watchees.Count);
        }

        foreach (var watchee in watchees)
        {
            foreach (var watcher in _watching[watchee])
            {
                watcher.SendSystemMessage(new DeathWatchNotification(watchee, ExistenceConfirmed: true, AddressTerminated: true));
            }

            _watching.Remove(watchee);
        }

        _nodes.Remove(m.Address);
    }

    private bool Remove(RemoteActorRef watchee, ActorRefBase watcher)
    {
        if (!_watching.TryGetValue(watchee, out var watchers) || !watchers.Remove(watcher))
        {
            return false;
        }

        if (watchers.Count == 0)
        {
            _watching.Remove(watchee);
        }

        var address = watchee.Path.Address;
        if (_nodes.TryGetValue(address, out var node) && --node.Watches <= 0)
        {
            _nodes.Remove(address);
        }

        return true;
    }

    /// <summary>A local actor watches a remote one.</summary>
    public sealed record WatchRemote(RemoteActorRef Watchee, ActorRefBase Watcher);

    /// <summary>A local actor stops watching a remote one.</summary>
    public sealed record UnwatchRemote(RemoteActorRef Watchee, ActorRefBase Watcher);

    /// <summary>A peer reported that a watched actor stopped.</summary>
    public sealed record RemoteTerminated(IActorRef Actor, ActorRefBase Watcher, bool ExistenceConfirmed, bool AddressTerminated);

    /// <summary>A heartbeat reply arrived from <paramref name="Address"/>.</summary>
    public sealed record HeartbeatReceived(Address Address, long Uid);

    /// <summary>Every actor at <paramref name="Address"/> is gone (failure, shutdown or quarantine).</summary>
    public sealed record AddressTerminated(Address Address, string Reason);

    private sealed class HeartbeatTick
    {
        public static readonly HeartbeatTick Instance = new();
    }

    private sealed class WatchedNode(PhiAccrualFailureDetector detector, long firstProbe)
    {
        public PhiAccrualFailureDetector Detector { get; } = detector;

        public long FirstProbe { get; } = firstProbe;

        public int Watches { get; set; }
    }
}
