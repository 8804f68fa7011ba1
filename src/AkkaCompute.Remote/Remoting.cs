using AkkaCompute.Actors;
using AkkaCompute.Remote.Serialization;

namespace AkkaCompute.Remote;

/// <summary>
/// Remoting for one actor system (Akka.Remote): once started, refs to actors of other systems behave like local ones
/// (Tell, Ask, ActorSelection, Watch), and local refs sent in messages resolve back to this system.
/// <code>
/// var system = ActorSystem.Create("node-a");
/// var remoting = Remoting.Start(system, new RemoteSettings { Port = 2552 });
/// var echo = await system.ActorSelection("akc.tcp://node-b@10.0.0.2:2552/user/echo").ResolveOne(TimeSpan.FromSeconds(3));
/// </code>
/// The listener stops and associations are flushed (with a goodbye to each peer) when the system terminates.
/// </summary>
public sealed class Remoting
{
    private readonly RemoteTransport _transport;

    private Remoting(RemoteTransport transport) => _transport = transport;

    /// <summary>This system's network address, <c>akc.tcp://system@host:port</c> (the actual port when 0 was configured).</summary>
    public Address Address => _transport.Address;

    /// <summary>This incarnation's unique id: a restarted node gets a new one and peers quarantine the old.</summary>
    public long Uid => _transport.Uid;

    /// <summary>The serializers used for user messages; register or bind your own before sending.</summary>
    public SerializationRegistry Serialization => _transport.Serialization;

    /// <summary>The settings in force.</summary>
    public RemoteSettings Settings => _transport.Settings;

    internal RemoteTransport Transport => _transport;

    /// <summary>Starts remoting for <paramref name="system"/>: validates <paramref name="settings"/>, loads certificates, binds the port.</summary>
    /// <param name="system">A system created by <see cref="ActorSystem.Create"/>; remoting starts at most once per system.</param>
    /// <param name="settings">The settings; see <see cref="RemoteSettings"/> for the defaults.</param>
    /// <returns>The running remoting of the system.</returns>
    /// <exception cref="ConfigurationException">A setting is invalid, the port is in use, a certificate is missing, or PSK mode has no key; the message names the setting.</exception>
    /// <exception cref="InvalidOperationException">Remoting already runs for this system.</exception>
    public static Remoting Start(ActorSystem system, RemoteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        if (system is not ActorSystemImpl impl)
        {
            throw new ArgumentException("remoting needs a system created by ActorSystem.Create", nameof(system));
        }

        var slot = system.GetOrAddExtension(_ => new RemotingSlot());
        lock (slot)
        {
            if (slot.Value is { } running)
            {
                throw new InvalidOperationException($"remoting already runs for {system.Name} at {running.Address}");
            }

            slot.Value = new Remoting(RemoteTransport.Start(impl, settings));
            return slot.Value;
        }
    }

    /// <summary>The remoting of <paramref name="system"/>, or null when it was not started.</summary>
    public static Remoting? Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(_ => new RemotingSlot()).Value;
    }

    /// <summary>The address at which another node reaches <paramref name="actor"/>: its path with this node's network address and uid.</summary>
    public string ToSerializationFormat(IActorRef actor) => _transport.ToSerializationFormat(actor);

    private sealed class RemotingSlot
    {
        public Remoting? Value { get; set; }
    }
}
