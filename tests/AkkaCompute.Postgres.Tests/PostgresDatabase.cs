using Npgsql;

namespace AkkaCompute.Postgres.Tests;

/// <summary>
/// A fresh, empty database on the server named by <c>AKC_TEST_POSTGRES_URL</c> (set by .ci/postgres-tests.sh), dropped on dispose,
/// so that tests never see each other's history.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string UrlVariable = "AKC_TEST_POSTGRES_URL";

    private readonly Uri _server;

    private PostgresDatabase(Uri server, string name)
    {
        _server = server;
        Name = name;
        Url = new UriBuilder(server) { Path = "/" + name }.Uri.ToString();
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>Its <c>postgres://</c> URL, password included.</summary>
    public string Url { get; }

    /// <summary>The server's URL from the environment; fails the test with what to do when it is unset.</summary>
    public static Uri ServerUrl()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        Assert.False(string.IsNullOrEmpty(url), $"{UrlVariable} is not set: run these tests with .ci/postgres-tests.sh (as root), which starts a PostgreSQL and sets it");
        return new Uri(url!);
    }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var server = ServerUrl();
        var name = "akc_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString(server));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new PostgresDatabase(server, name);
    }

    /// <summary>Runs a scalar query on this database.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(new Uri(Url)));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString(_server));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string ConnectionString(Uri url)
    {
        var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
        return new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.Port > 0 ? url.Port : 5432,
            Database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/')),
            Username = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]),
            Password = colon < 0 ? null : Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]),
            Pooling = false,
        }.ToString();
    }
}
