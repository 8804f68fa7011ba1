using AkkaCompute.Actors;
using Microsoft.Data.Sqlite;

namespace AkkaCompute.Persistence.Sqlite;

/// <summary>
/// The SQLite store could not open its file or complete an operation. The message names the file, the operation and
/// the cause, e.g. <c>SQLite persistence store '/data/akc.db': open failed: the database is locked by another connection
/// or process (SQLite error 5: 'database is locked')</c>.
/// </summary>
public sealed class SqliteStoreException : AkkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="operation">What was being done, e.g. <c>open</c> or <c>write of 12 events</c>.</param>
    /// <param name="cause">The underlying exception.</param>
    public SqliteStoreException(string path, string operation, Exception cause)
        : base($"SQLite persistence store '{path}': {operation} failed: {Describe(cause)}", cause)
    {
        Path = path;
        ErrorCode = cause is SqliteException s ? s.SqliteErrorCode : 0;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>SQLite's primary result code (e.g. 5 busy, 13 full, 14 cannot open), or 0 when the cause was not a SQLite error.</summary>
    public int ErrorCode { get; }

    private static string Describe(Exception cause) => cause switch
    {
        SqliteException s => $"{SqliteErrors.Describe(s.SqliteErrorCode)} (SQLite error {s.SqliteErrorCode}: {s.Message})",
        UnauthorizedAccessException => $"access denied ({cause.Message})",
        IOException => $"I/O error ({cause.Message})",
        _ => cause.Message,
    };
}
