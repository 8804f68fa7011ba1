namespace AkkaCompute.Persistence.Sqlite;

/// <summary>
/// The tables, shaped like Akka.Persistence.Sql's. <c>journal.ordering</c> is AUTOINCREMENT so an ordering is never
/// reused after deletes. Tags are queried through <c>journal_tags(tag, ordering)</c>, a clustered index that makes
/// "events with tag T from ordering N" a range scan; the <c>tags</c> column repeats them as <c>;a;b;</c>.
/// </summary>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS journal (
            ordering INTEGER PRIMARY KEY AUTOINCREMENT,
            persistence_id TEXT NOT NULL,
            sequence_number INTEGER NOT NULL,
            created INTEGER NOT NULL,
            tags TEXT NULL,
            message BLOB NOT NULL,
            manifest TEXT NOT NULL,
            writer_uuid TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0,
            UNIQUE (persistence_id, sequence_number)
        );
        CREATE TABLE IF NOT EXISTS journal_tags (
            tag TEXT NOT NULL,
            ordering INTEGER NOT NULL,
            PRIMARY KEY (tag, ordering)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS snapshot (
            persistence_id TEXT NOT NULL,
            sequence_number INTEGER NOT NULL,
            created INTEGER NOT NULL,
            snapshot BLOB NOT NULL,
            manifest TEXT NOT NULL,
            PRIMARY KEY (persistence_id, sequence_number)
        );
        """;

    public const string InsertEvent = """
        INSERT INTO journal (persistence_id, sequence_number, created, tags, message, manifest, writer_uuid, deleted)
        VALUES ($pid, $seq, $created, $tags, $message, $manifest, $writer, 0)
        """;

    public const string InsertTag = "INSERT OR IGNORE INTO journal_tags (tag, ordering) VALUES ($tag, $ordering)";

    public const string LastRowId = "SELECT last_insert_rowid()";

    public const string Replay = """
        SELECT sequence_number, created, tags, message, manifest, writer_uuid
        FROM journal
        WHERE persistence_id = $pid AND sequence_number >= $from AND sequence_number <= $to AND deleted = 0
        ORDER BY sequence_number
        LIMIT $max
        """;

    public const string HighestSequenceNr = "SELECT MAX(sequence_number) FROM journal WHERE persistence_id = $pid";

    public const string AllEvents = """
        SELECT ordering, persistence_id, sequence_number, created, tags, message, manifest
        FROM journal
        WHERE ordering >= $from AND deleted = 0
        ORDER BY ordering
        LIMIT $max
        """;

    public const string EventsByTag = """
        SELECT j.ordering, j.persistence_id, j.sequence_number, j.created, j.tags, j.message, j.manifest
        FROM journal_tags t JOIN journal j ON j.ordering = t.ordering
        WHERE t.tag = $tag AND t.ordering >= $from AND j.deleted = 0
        ORDER BY t.ordering
        LIMIT $max
        """;

    /// <summary>Marks events deleted, then removes all but the newest of them (the tombstone keeps the highest sequence number).</summary>
    public const string DeleteTo = """
        UPDATE journal SET deleted = 1 WHERE persistence_id = $pid AND sequence_number <= $to AND deleted = 0;
        DELETE FROM journal_tags WHERE ordering IN
            (SELECT ordering FROM journal WHERE persistence_id = $pid AND sequence_number <= $to);
        DELETE FROM journal WHERE persistence_id = $pid AND sequence_number <
            (SELECT MAX(sequence_number) FROM journal WHERE persistence_id = $pid AND sequence_number <= $to);
        """;

    public const string SaveSnapshot = """
        INSERT INTO snapshot (persistence_id, sequence_number, created, snapshot, manifest)
        VALUES ($pid, $seq, $created, $snapshot, $manifest)
        ON CONFLICT (persistence_id, sequence_number)
        DO UPDATE SET created = excluded.created, snapshot = excluded.snapshot, manifest = excluded.manifest
        """;

    public const string LoadSnapshot = """
        SELECT sequence_number, created, snapshot, manifest
        FROM snapshot
        WHERE persistence_id = $pid
          AND sequence_number <= $maxSeq AND sequence_number >= $minSeq
          AND created <= $maxTs AND created >= $minTs
        ORDER BY sequence_number DESC
        LIMIT 1
        """;

    public const string DeleteSnapshot = "DELETE FROM snapshot WHERE persistence_id = $pid AND sequence_number = $seq";

    public const string DeleteSnapshots = """
        DELETE FROM snapshot
        WHERE persistence_id = $pid
          AND sequence_number <= $maxSeq AND sequence_number >= $minSeq
          AND created <= $maxTs AND created >= $minTs
        """;
}
