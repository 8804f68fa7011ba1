using Microsoft.Data.Sqlite;

namespace AkkaCompute.Persistence.Sqlite;

/// <summary>An operation for the single writer loop of <see cref="SqliteWriter"/>.</summary>
internal abstract class WriterOp
{
    /// <summary>Fails the operation's caller with <paramref name="cause"/>.</summary>
    public abstract void Fail(Exception cause);
}

/// <summary>
/// One <c>WriteMessagesAsync</c> call: its atomic writes, serialized by the caller. Consecutive calls are written in
/// one transaction; each atomic write gets its own result.
/// </summary>
internal sealed class JournalWriteOp(PreparedAtomicWrite[] writes) : WriterOp
{
    private readonly TaskCompletionSource<IReadOnlyList<Exception?>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PreparedAtomicWrite[] Writes => writes;

    public int EventCount => writes.Sum(w => w.Rows.Length);

    public Task<IReadOnlyList<Exception?>> Task => _done.Task;

    public void Complete(Exception?[] results) => _done.TrySetResult(results);

    public override void Fail(Exception cause) => _done.TrySetException(cause);
}

/// <summary>Any other write (delete, snapshot save or delete): runs alone in its own transaction.</summary>
internal sealed class CommandOp(string operation, Action<SqliteConnection> work) : WriterOp
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Operation => operation;

    public Task Task => _done.Task;

    public void Run(SqliteConnection connection) => work(connection);

    public void Complete() => _done.TrySetResult();

    public override void Fail(Exception cause) => _done.TrySetException(cause);
}

/// <summary>An atomic write serialized for SQLite, or the reason it was rejected before reaching the database.</summary>
internal sealed class PreparedAtomicWrite
{
    private PreparedAtomicWrite(PreparedRow[] rows, Exception? rejection)
    {
        Rows = rows;
        Rejection = rejection;
    }

    public PreparedRow[] Rows { get; }

    public Exception? Rejection { get; }

    public bool NeedsSavepoint => Rows.Length > 1 || Rows.Any(r => r.Tags.Count > 0);

    public static PreparedAtomicWrite Rejected(Exception cause) => new([], cause);

    /// <summary>Serializes every event of <paramref name="write"/>; a serializer error or an invalid tag rejects the whole write.</summary>
    public static PreparedAtomicWrite Prepare(AtomicWrite write, IPersistenceSerializer serializer)
    {
        var rows = new PreparedRow[write.Size];
        for (var i = 0; i < rows.Length; i++)
        {
            var p = write.Payload[i];
            if (TagCodec.Validate(p.Tags) is { } problem)
            {
                return Rejected(new ArgumentException($"event {p.SequenceNr} of '{p.PersistenceId}' was rejected: {problem}"));
            }

            SerializedPayload serialized;
            try
            {
                serialized = serializer.Serialize(p.Payload);
            }
            catch (Exception e)
            {
                return Rejected(new PersistenceSerializationException((e as PersistenceSerializationException)?.Manifest, $"event {p.SequenceNr} of '{p.PersistenceId}' ({p.Payload.GetType().FullName}) was rejected: {e.Message}", e));
            }

            rows[i] = new PreparedRow(p.PersistenceId, p.SequenceNr, p.Timestamp, p.Tags, TagCodec.Encode(p.Tags), serialized.Data, serialized.Manifest, p.WriterUuid);
        }

        return new PreparedAtomicWrite(rows, null);
    }
}

/// <summary>One journal row ready to insert.</summary>
internal readonly record struct PreparedRow(
    string PersistenceId,
    long SequenceNr,
    long Created,
    IReadOnlyList<string> Tags,
    string? TagsColumn,
    byte[] Message,
    string Manifest,
    string WriterUuid);
