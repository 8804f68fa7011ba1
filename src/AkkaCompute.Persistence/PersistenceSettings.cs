using System.Globalization;
using AkkaCompute.Actors;

namespace AkkaCompute.Persistence;

/// <summary>
/// Settings of the <see cref="Persistence"/> extension: the stores every persistent actor of a system uses and the limits
/// of recovery and writing. Keys are given as they appear under <c>persistence</c> in configuration.
/// </summary>
public sealed record PersistenceSettings
{
    /// <summary><c>journal</c>: the event journal. Default a new <see cref="InMemoryJournal"/> (nothing survives the process).</summary>
    public IJournal Journal { get; init; } = new InMemoryJournal();

    /// <summary><c>snapshot-store</c>: the snapshot store. Default a new <see cref="InMemorySnapshotStore"/>.</summary>
    public ISnapshotStore SnapshotStore { get; init; } = new InMemorySnapshotStore();

    /// <summary>
    /// <c>recovery-batch-size</c>: events read from the journal per replay request during recovery. Default 4,096; 1 to
    /// 1,000,000. At most two batches are in memory per recovering actor: the one being applied and the next, read meanwhile.
    /// </summary>
    public int RecoveryBatchSize { get; init; } = 4096;

    /// <summary>
    /// <c>recovery-event-timeout</c>: the longest recovery may wait for the snapshot or the next batch of events. Default
    /// 30 s; must be positive. At the limit recovery fails with <see cref="RecoveryTimedOutException"/> and the actor stops.
    /// Measured on the actor system's <see cref="ActorSystem.TimeProvider"/>.
    /// </summary>
    public TimeSpan RecoveryEventTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>max-message-batch-size</c>: the most atomic writes (Persist calls) one actor sends to the journal in one
    /// <see cref="IJournal.WriteMessagesAsync"/> call. Default 200; at least 1. An actor has one write call in flight at a time;
    /// Persist calls made meanwhile wait in memory and go in the next call.
    /// </summary>
    public int MaxMessageBatchSize { get; init; } = 200;

    /// <summary>Checks every value.</summary>
    /// <exception cref="ConfigurationException">A value breaks its constraint; the message names key, value and constraint.</exception>
    public void Validate()
    {
        if (Journal is null)
        {
            throw new ConfigurationException("persistence.journal", null, "must be set");
        }

        if (SnapshotStore is null)
        {
            throw new ConfigurationException("persistence.snapshot-store", null, "must be set");
        }

        if (RecoveryBatchSize is < 1 or > 1_000_000)
        {
            throw new ConfigurationException("persistence.recovery-batch-size", RecoveryBatchSize.ToString(CultureInfo.InvariantCulture), "must be between 1 and 1000000");
        }

        if (RecoveryEventTimeout <= TimeSpan.Zero)
        {
            throw new ConfigurationException("persistence.recovery-event-timeout", RecoveryEventTimeout.ToString(), "must be a positive duration");
        }

        if (MaxMessageBatchSize < 1)
        {
            throw new ConfigurationException("persistence.max-message-batch-size", MaxMessageBatchSize.ToString(CultureInfo.InvariantCulture), "must be at least 1");
        }
    }
}
