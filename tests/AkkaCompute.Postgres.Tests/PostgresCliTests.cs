using System.Diagnostics;
using System.Text.Json;
using AkkaCompute.Cli.Tests;

namespace AkkaCompute.Postgres.Tests;

/// <summary><c>akc run</c> and <c>akc status</c> with <c>--db postgres://...</c>: what only PostgreSQL has (the rest is <see cref="PostgresHistoryStoreTests"/>).</summary>
public sealed class PostgresCliTests
{
    [Fact]
    public async Task A_run_on_postgresql_writes_no_sqlite_journal_in_the_data_directory()
    {
        using var h = new CliHarness();
        await using var db = await PostgresDatabase.CreateAsync();
        var job = h.Write("job.conf", """
            job { name = "pg-only" }
            tasks = [ { id = "a", function = "noop" } ]
            """);
        var (code, stdout, err) = await h.RunAsync("run", job, "--db", db.Url, "--data-dir", h.DataDir, "--json");
        Assert.True(code == 0, err + stdout);
        Assert.False(File.Exists(Path.Combine(h.DataDir, "akc.db")), "a PostgreSQL run writes no SQLite journal");
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM journal") > 0, "the run journaled nothing in PostgreSQL");
    }

    [Fact]
    public async Task Run_and_status_against_a_server_that_is_down_fail_fast_with_one_line_naming_it_and_no_password()
    {
        using var h = new CliHarness();
        var job = h.Write("job.conf", """
            job { name = "down" }
            tasks = [ { id = "a", function = "noop" } ]
            """);
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"postgres://akc:s3cret@127.0.0.1:{port}/akc";

        var clock = Stopwatch.StartNew();
        var (code, stdout, err) = await h.RunAsync("run", job, "--db", url, "--data-dir", h.DataDir);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.Equal(1, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"akc run: the node could not start: postgres://akc:***@127.0.0.1:{port}/akc: cannot use the PostgreSQL server at 127.0.0.1:{port}", line);
        Assert.DoesNotContain("s3cret", stdout + err);

        (code, stdout, err) = await h.RunAsync("status", "--db", url);
        Assert.NotEqual(0, code);
        line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"cannot use the PostgreSQL server at 127.0.0.1:{port}", line);
        Assert.DoesNotContain("s3cret", stdout + err);
    }
}
