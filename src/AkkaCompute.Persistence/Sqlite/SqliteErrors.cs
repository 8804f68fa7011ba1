using Microsoft.Data.Sqlite;

namespace AkkaCompute.Persistence.Sqlite;

/// <summary>Turns SQLite result codes into causes a person can act on.</summary>
internal static class SqliteErrors
{
    public const int Busy = 5;
    public const int Locked = 6;
    public const int ReadOnly = 8;
    public const int IoError = 10;
    public const int Corrupt = 11;
    public const int Full = 13;
    public const int CantOpen = 14;
    public const int Constraint = 19;
    public const int NotADatabase = 26;
    public const int Permission = 3;

    /// <summary>SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY: a duplicate key.</summary>
    public static bool IsDuplicateKey(SqliteException e) =>
        e.SqliteErrorCode == Constraint && e.SqliteExtendedErrorCode is 2067 or 1555;

    /// <summary>Describes the primary result code <paramref name="code"/> (extended codes are reduced to their primary code).</summary>
    public static string Describe(int code) => (code & 0xFF) switch
    {
        Permission => "access permission denied",
        Busy or Locked => "the database is locked by another connection or process",
        ReadOnly => "the database is read-only (the file, its directory or the file system is not writable)",
        IoError => "disk I/O error",
        Corrupt => "the database file is corrupt",
        Full => "the disk is full (or the configured max-database-size is reached)",
        CantOpen => "the file cannot be opened (missing or unwritable directory, no permission, or not a regular file)",
        Constraint => "a constraint was violated",
        NotADatabase => "the file is not a SQLite database",
        _ => $"SQLite error {code}",
    };
}
