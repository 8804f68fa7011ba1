using System.Globalization;
using AkkaCompute.Actors;

namespace AkkaCompute.Persistence.Sqlite;

/// <summary>
/// Settings of the SQLite store (<see cref="SqliteDatabase"/>): one database file holding the journal and the
/// snapshots. Keys are given as they appear under <c>persistence.sqlite</c> in configuration.
/// </summary>
public sealed record SqliteStoreSettings
{
    /// <summary><c>path</c>: the database file. Its directory is created when missing. Required, non-empty.</summary>
    public required string Path { get; init; }

    /// <summary>
    /// <c>write-batch-size</c>: the most atomic writes the writer loop coalesces into one transaction. Default 500; at least 1.
    /// Concurrent <c>WriteMessagesAsync</c> calls are queued and written together up to this limit; a single call with more
    /// atomic writes than the limit is written alone, in one transaction.
    /// </summary>
    public int WriteBatchSize { get; init; } = 500;

    /// <summary>
    /// <c>write-queue-capacity</c>: how many write, delete and snapshot operations may wait for the writer loop.
    /// Default 10,000; at least 1. At the limit callers wait asynchronously (backpressure) until there is room.
    /// </summary>
    public int WriteQueueCapacity { get; init; } = 10_000;

    /// <summary>
    /// <c>busy-timeout</c>: how long a statement waits for a lock held by another connection or process before it fails
    /// with "database is locked". Default 5 s; must be positive. Rounded up to whole seconds for the driver's retry loop.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>max-database-size</c>: the most bytes the database file may grow to (SQLite's <c>max_page_count</c>); null (default)
    /// for SQLite's own limit. At the limit writes fail as with a full disk (<see cref="SqliteStoreException"/>, "disk is full").
    /// At least 64 KiB when set.
    /// </summary>
    public long? MaxDatabaseSizeBytes { get; init; }

    /// <summary><c>serializer</c>: turns events and snapshots into bytes. Default a new <see cref="JsonPersistenceSerializer"/>.</summary>
    public IPersistenceSerializer Serializer { get; init; } = new JsonPersistenceSerializer();

    /// <summary>Checks every value.</summary>
    /// <exception cref="ConfigurationException">A value breaks its constraint; the message names key, value and constraint.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ConfigurationException("persistence.sqlite.path", Path, "must be a non-empty file path");
        }

        AtLeast("persistence.sqlite.write-batch-size", WriteBatchSize, 1);
        AtLeast("persistence.sqlite.write-queue-capacity", WriteQueueCapacity, 1);
        if (BusyTimeout <= TimeSpan.Zero)
        {
            throw new ConfigurationException("persistence.sqlite.busy-timeout", BusyTimeout.ToString(), "must be a positive duration");
        }

        if (MaxDatabaseSizeBytes is < 65_536)
        {
            throw new ConfigurationException("persistence.sqlite.max-database-size", MaxDatabaseSizeBytes.Value.ToString(CultureInfo.InvariantCulture), "must be at least 65536 bytes when set");
        }

        if (Serializer is null)
        {
            throw new ConfigurationException("persistence.sqlite.serializer", null, "must be set");
        }
    }

    private static void AtLeast(string key, int value, int min)
    {
        if (value < min)
        {
            throw new ConfigurationException(key, value.ToString(CultureInfo.InvariantCulture), $"must be at least {min}");
        }
    }
}
