using System.Net.Sockets;
using Npgsql;

namespace AkkaCompute.Hosting.Storage;

/// <summary>
/// Checks a PostgreSQL store before Akka.Persistence.Sql uses it: one connection and a <c>SELECT 1</c> within a deadline,
/// so that a server that is down, unknown, refuses the login or lacks the database fails the start at once with one line
/// naming the server (never the password), instead of Akka's journal retrying its table creation until an ask times out.
/// The tables themselves are created by Akka.Persistence.Sql (<c>auto-initialize = on</c>).
/// </summary>
internal static class PostgresStorePreparation
{
    /// <summary>How long the check may take by default: Npgsql's connect timeout and the whole check's deadline.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Opens one connection to <paramref name="store"/> and runs <c>SELECT 1</c>; does nothing for SQLite.</summary>
    /// <param name="store">The store.</param>
    /// <param name="timeout">The deadline of the whole check (at least one second is given to the connect).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="HistoryStoreException">The server cannot be reached, refuses the login, or has no such database, or the check ran past <paramref name="timeout"/>.</exception>
    public static Task CheckAsync(HistoryStore store, TimeSpan timeout, CancellationToken cancellationToken) =>
        store.Provider == HistoryStoreProvider.PostgreSql ? CheckServerAsync(store, timeout, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// The check itself, in a method of its own so that a SQLite node never loads Npgsql (the JIT loads the assemblies of
    /// the types a method uses when it compiles that method): about 1 MB of resident memory less.
    /// </summary>
    private static async Task CheckServerAsync(HistoryStore store, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(store.JournalConnectionString)
        {
            Timeout = (int)Math.Clamp(Math.Ceiling(timeout.TotalSeconds), 1, 1024),
            CommandTimeout = (int)Math.Clamp(Math.Ceiling(timeout.TotalSeconds), 1, 1024),
            Pooling = false,
        };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await using var connection = new NpgsqlConnection(builder.ToString());
            await connection.OpenAsync(deadline.Token).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HistoryStoreException(
                $"{store.Display}: the PostgreSQL server at {builder.Host}:{builder.Port} did not answer within {timeout.TotalSeconds:0.#} s; "
                + "check that it is running and reachable, then run again");
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new HistoryStoreException(
                $"{store.Display}: cannot use the PostgreSQL server at {builder.Host}:{builder.Port}: {Describe(e)}; "
                + "check that it is running, that the user, password and database in the URL are right, then run again",
                e);
        }
    }

    /// <summary>The most telling message of <paramref name="e"/>: PostgreSQL's own (with its SQLSTATE), else the socket's.</summary>
    private static string Describe(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is PostgresException pg)
            {
                return $"{pg.MessageText} (SQLSTATE {pg.SqlState})";
            }
        }

        return e.GetBaseException().Message.TrimEnd('.');
    }
}
