namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// Where a node keeps its durable state. HOCON section <c>akc.storage</c>; defaults equal
/// <c>hocon/reference.conf</c>, ranges are enforced by <see cref="NodeSettingsBinder"/>.
/// Paths are kept as written; relative paths are relative to the process's working directory.
/// </summary>
public sealed record StorageSettings
{
    /// <summary>The default <see cref="DataDirectory"/>: <c>.akc/data</c>.</summary>
    public const string DefaultDataDirectory = ".akc/data";

    /// <summary>The database file name used when <c>akc.storage.db</c> is null: <c>akc.db</c>.</summary>
    public const string DefaultDatabaseFileName = "akc.db";

    /// <summary><c>akc.storage.data-dir</c>: directory of the node's durable state. Default <c>.akc/data</c>; not empty.</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory;

    /// <summary><c>akc.storage.db</c>: the SQLite database file. Default (null in HOCON) <c>&lt;data-dir&gt;/akc.db</c>.</summary>
    public string DatabasePath { get; init; } = Path.Combine(DefaultDataDirectory, DefaultDatabaseFileName);

    /// <summary><c>akc.storage.batch-size</c>: most events written to the journal in one transaction. Default 500; 1 to 100,000.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>The default <see cref="GroupCommitDelay"/>: 10 ms.</summary>
    public static readonly TimeSpan DefaultGroupCommitDelay = global::AkkaCompute.Node.History.HistoryActor.DefaultGroupCommitDelay;

    /// <summary>The longest <see cref="GroupCommitDelay"/>: 1 s.</summary>
    public static readonly TimeSpan GroupCommitDelayMax = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <c>akc.storage.group-commit-delay</c>: how long the history holds a lifecycle event (started, finished, ...) that
    /// arrives while no write is under way, so that the events of the next moment share its journal write (group
    /// commit). Default 10 ms; 0 (write at once) to 1 s. Acceptances are never delayed. Akka's scheduler rounds a
    /// delay up to its tick (<c>akka.scheduler.tick-duration</c>, 10 ms by default).
    /// </summary>
    public TimeSpan GroupCommitDelay { get; init; } = DefaultGroupCommitDelay;
}
