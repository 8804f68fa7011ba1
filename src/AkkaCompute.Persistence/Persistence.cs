using AkkaCompute.Actors;

namespace AkkaCompute.Persistence;

/// <summary>
/// The persistence extension of an actor system (Akka's Persistence extension): holds the journal and snapshot store
/// that the system's persistent actors use. Configure it once, before the first persistent actor starts; without
/// configuration it uses in-memory stores.
/// </summary>
/// <example>
/// <code>
/// Persistence.Configure(system, db.Journal, db.SnapshotStore);   // e.g. a SqliteDatabase
/// var journal = Persistence.Get(system).Journal;
/// </code>
/// Inside a namespace under <c>AkkaCompute</c>, the name <c>Persistence</c> resolves to the namespace; write
/// <c>AkkaCompute.Persistence.Persistence.Get(system)</c> or add <c>using PersistenceExtension = AkkaCompute.Persistence.Persistence;</c>.
/// </example>
public sealed class Persistence
{
    private Persistence(ActorSystem system, PersistenceSettings settings)
    {
        System = system;
        Settings = settings;
    }

    /// <summary>The system this extension belongs to.</summary>
    public ActorSystem System { get; }

    /// <summary>The settings in effect.</summary>
    public PersistenceSettings Settings { get; }

    /// <summary>The journal of every persistent actor of the system (unless an actor overrides <see cref="PersistentActor.Journal"/>).</summary>
    public IJournal Journal => Settings.Journal;

    /// <summary>The snapshot store of every persistent actor of the system (unless an actor overrides <see cref="PersistentActor.SnapshotStore"/>).</summary>
    public ISnapshotStore SnapshotStore => Settings.SnapshotStore;

    /// <summary>Returns the system's extension, creating it with in-memory stores (<see cref="PersistenceSettings"/> defaults) when it was not configured.</summary>
    public static Persistence Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(static s => new Persistence(s, new PersistenceSettings()));
    }

    /// <summary>Configures the system's extension with <paramref name="journal"/> and <paramref name="snapshotStore"/> and default limits.</summary>
    /// <exception cref="InvalidOperationException">The extension was already configured or used (see <see cref="Configure(ActorSystem, PersistenceSettings)"/>).</exception>
    public static Persistence Configure(ActorSystem system, IJournal journal, ISnapshotStore snapshotStore) =>
        Configure(system, new PersistenceSettings { Journal = journal, SnapshotStore = snapshotStore });

    /// <summary>
    /// Configures the system's extension. Call it once, before any persistent actor of the system starts; the caller keeps
    /// ownership of the stores (dispose a <c>SqliteDatabase</c> after the system terminated).
    /// </summary>
    /// <exception cref="ConfigurationException">A setting is invalid.</exception>
    /// <exception cref="InvalidOperationException">The extension already exists: it was configured before, or <see cref="Get"/> (e.g. a persistent actor) created it with in-memory stores.</exception>
    public static Persistence Configure(ActorSystem system, PersistenceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var extension = system.GetOrAddExtension(s => new Persistence(s, settings));
        return ReferenceEquals(extension.Settings, settings)
            ? extension
            : throw new InvalidOperationException($"persistence of actor system '{system.Name}' is already configured (or was used with in-memory stores); call Persistence.Configure once, before the first persistent actor starts");
    }
}
