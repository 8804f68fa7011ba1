using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace AkkaCompute.Persistence.Sqlite;

/// <summary>
/// The single writer of a SQLite database: a dedicated thread that owns the write connection and takes operations from a
/// bounded channel. Consecutive journal writes are coalesced into one transaction of up to
/// <see cref="SqliteStoreSettings.WriteBatchSize"/> atomic writes; any other operation runs alone in its own transaction.
/// A failure of a transaction as a whole fails every call in it with <see cref="SqliteStoreException"/>.
/// The thread sleeps on an event that producers set after queuing, not on the channel's async wait, which would wake
/// it through a thread-pool hop.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private readonly Channel<WriterOp> _channel;
    private readonly SqliteConnection _connection;
    private readonly string _path;
    private readonly int _batchSize;
    private readonly JournalInserter _inserter;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _running = new(initialState: true);
    private readonly ManualResetEventSlim _workAvailable = new(initialState: false);
    private long _transactions;
    private int _queued;

    public SqliteWriter(SqliteConnection connection, string path, SqliteStoreSettings settings)
    {
        _connection = connection;
        _path = path;
        _batchSize = settings.WriteBatchSize;
        _channel = Channel.CreateBounded<WriterOp>(new BoundedChannelOptions(settings.WriteQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _inserter = new JournalInserter(connection);
        _begin = Command("BEGIN IMMEDIATE");
        _commit = Command("COMMIT");
        _rollback = Command("ROLLBACK");
        _thread = new Thread(Run) { IsBackground = true, Name = "akc-sqlite-writer" };
        _thread.Start();
    }

    /// <summary>Transactions committed or rolled back so far (for tests of coalescing).</summary>
    internal long TransactionCount => Interlocked.Read(ref _transactions);

    /// <summary>Operations waiting in the queue (for tests).</summary>
    internal int QueuedCount => Volatile.Read(ref _queued);

    /// <summary>Holds the writer before its next transaction until the returned handle is disposed (for tests of coalescing).</summary>
    internal IDisposable Pause()
    {
        _running.Reset();
        return new Resumer(_running);
    }

    /// <summary>Queues <paramref name="op"/>, waiting asynchronously while the queue is full.</summary>
    /// <exception cref="ObjectDisposedException">The database is disposed.</exception>
    public ValueTask EnqueueAsync(WriterOp op, CancellationToken cancellationToken)
    {
        if (!cancellationToken.IsCancellationRequested && _channel.Writer.TryWrite(op))
        {
            Queued();
            return ValueTask.CompletedTask;
        }

        return EnqueueSlowAsync(op, cancellationToken);
    }

    private async ValueTask EnqueueSlowAsync(WriterOp op, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.Writer.WriteAsync(op, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase), $"SQLite persistence store '{_path}' is disposed");
        }

        Queued();
    }

    private void Queued()
    {
        Interlocked.Increment(ref _queued);
        try
        {
            _workAvailable.Set();
        }
        catch (ObjectDisposedException)
        {
            // Disposed after the op was queued: the writer drained the queue before it stopped.
        }
    }

    /// <summary>Stops taking new operations, finishes the queued ones and waits for the thread to end.</summary>
    public void Dispose()
    {
        if (_channel.Writer.TryComplete())
        {
            _running.Set();
            _workAvailable.Set();
            _thread.Join();
            _inserter.Dispose();
            _begin.Dispose();
            _commit.Dispose();
            _rollback.Dispose();
            _running.Dispose();
            _workAvailable.Dispose();
        }
    }

    private void Run()
    {
        var reader = _channel.Reader;
        var batch = new List<JournalWriteOp>();
        while (WaitForWork(reader))
        {
            _running.Wait();
            batch.Clear();
            var atomicWrites = 0;
            while (reader.TryPeek(out var next))
            {
                if (next is CommandOp command)
                {
                    if (batch.Count == 0)
                    {
                        reader.TryRead(out _);
                        Interlocked.Decrement(ref _queued);
                        RunCommand(command);
                    }

                    break;
                }

                var write = (JournalWriteOp)next;
                if (batch.Count > 0 && atomicWrites + write.Writes.Length > _batchSize)
                {
                    break;
                }

                reader.TryRead(out _);
                Interlocked.Decrement(ref _queued);
                batch.Add(write);
                atomicWrites += write.Writes.Length;
            }

            if (batch.Count > 0)
            {
                WriteBatch(batch, atomicWrites);
            }
        }
    }

    /// <summary>Blocks until an operation is queued (true) or the channel is completed and drained (false).</summary>
    private bool WaitForWork(ChannelReader<WriterOp> reader)
    {
        while (true)
        {
            if (reader.TryPeek(out _))
            {
                return true;
            }

            if (reader.Completion.IsCompleted)
            {
                return false;
            }

            // Reset, then look again: a producer that queued after the first look sets the event after this reset.
            _workAvailable.Reset();
            if (reader.TryPeek(out _))
            {
                return true;
            }

            if (reader.Completion.IsCompleted)
            {
                return false;
            }

            _workAvailable.Wait();
        }
    }

    private void WriteBatch(List<JournalWriteOp> batch, int atomicWrites)
    {
        var results = new Exception?[batch.Count][];
        try
        {
            _begin.ExecuteNonQuery();
            for (var i = 0; i < batch.Count; i++)
            {
                var writes = batch[i].Writes;
                var r = results[i] = new Exception?[writes.Length];
                for (var j = 0; j < writes.Length; j++)
                {
                    r[j] = _inserter.Insert(writes[j]);
                }
            }

            _commit.ExecuteNonQuery();
        }
        catch (Exception e)
        {
            TryRollback();
            var events = batch.Sum(b => b.EventCount);
            var failure = new SqliteStoreException(_path, $"write of {events} events in {atomicWrites} atomic writes", e);
            foreach (var op in batch)
            {
                op.Fail(failure);
            }

            return;
        }
        finally
        {
            Interlocked.Increment(ref _transactions);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Complete(results[i]);
        }
    }

    private void RunCommand(CommandOp command)
    {
        try
        {
            _begin.ExecuteNonQuery();
            command.Run(_connection);
            _commit.ExecuteNonQuery();
        }
        catch (Exception e)
        {
            TryRollback();
            command.Fail(e as SqliteStoreException ?? new SqliteStoreException(_path, command.Operation, e));
            return;
        }
        finally
        {
            Interlocked.Increment(ref _transactions);
        }

        command.Complete();
    }

    private void TryRollback()
    {
        try
        {
            if (!_connection.State.HasFlag(System.Data.ConnectionState.Open))
            {
                return;
            }

            _rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // No transaction was active (BEGIN failed) or SQLite rolled back already (e.g. SQLITE_FULL).
        }
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private sealed class Resumer(ManualResetEventSlim running) : IDisposable
    {
        public void Dispose() => running.Set();
    }
}
