using System.Diagnostics;
using System.Text.Json;
using AkkaCompute.Cli.Tests;

namespace AkkaCompute.Postgres.Tests;

/// <summary><c>akc run</c>, <c>akc status</c> and <c>akc history</c> with <c>--db postgres://...</c>, the shape of the SQLite CLI tests.</summary>
public sealed class PostgresCliTests
{
    [Fact]
    public async Task Run_then_status_and_history_read_the_database_and_a_second_run_reruns_only_the_failed_task()
    {
        using var h = new CliHarness();
        await using var db = await PostgresDatabase.CreateAsync();
        var log = Path.Combine(h.Root, "runs.log");
        var fixedFile = Path.Combine(h.Root, "fixed");
        var job = h.Write("job.conf", $$"""
            job { name = "again" }
            defaults { max-retries = 0 }
            tasks = [
              { id = "ok", shell = "echo ok >> '{{log}}'" }
              { id = "broken", shell = "echo broken >> '{{log}}'; test -f '{{fixedFile}}'" }
            ]
            """);
        var (code, stdout, err) = await h.RunAsync("run", job, "--db", db.Url, "--data-dir", h.DataDir, "--json");
        Assert.True(code == 1, err + stdout);
        Assert.Equal(1, JsonDocument.Parse(stdout).RootElement.GetProperty("failed").GetInt32());
        Assert.False(File.Exists(Path.Combine(h.DataDir, "akc.db")), "a PostgreSQL run writes no SQLite journal");

        (code, stdout, err) = await h.RunAsync("status", "--db", db.Url, "--json");
        Assert.True(code == 0, err);
        Assert.Contains("Succeeded", stdout);
        Assert.Contains("Failed", stdout);

        File.WriteAllText(fixedFile, string.Empty);
        (code, stdout, err) = await h.RunAsync("run", job, "--db", db.Url, "--data-dir", h.DataDir, "--json");
        Assert.True(code == 0, err + stdout);
        Assert.Equal(["broken", "broken", "ok"], File.ReadAllLines(log).Order());

        var (_, history, _) = await h.RunAsync("history", "broken", "--db", db.Url);
        Assert.Contains("Succeeded after 2 attempt(s)", history);
        (_, history, _) = await h.RunAsync("history", "ok", "--db", db.Url);
        Assert.Equal(1, history.Split("accepted (").Length - 1);
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
