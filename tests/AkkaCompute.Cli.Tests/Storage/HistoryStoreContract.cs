using System.Text.Json;

namespace AkkaCompute.Cli.Tests.Storage;

/// <summary>
/// What every history store must do, run against each backend: SQLite in the data directory
/// (<c>SqliteHistoryStoreTests</c>, in this project) and PostgreSQL (<c>PostgresHistoryStoreTests</c>, in
/// tests/AkkaCompute.Postgres.Tests, which links this file and runs against a real server in <c>.ci/run</c>). Each test
/// drives <c>akc run</c>, <c>akc status</c> and <c>akc history</c> with the store's <c>--db</c> value.
/// </summary>
public abstract class HistoryStoreContract
{
    /// <summary>A fresh, empty store for one test: its <c>--db</c> value, and what to dispose after the test.</summary>
    protected abstract Task<(string Db, IAsyncDisposable Lifetime)> CreateStoreAsync(CliHarness h);

    [Fact]
    public async Task A_run_is_recorded_read_back_by_status_and_history_and_a_second_run_reruns_only_the_failed_task()
    {
        using var h = new CliHarness();
        var (db, lifetime) = await CreateStoreAsync(h);
        await using var store = lifetime;
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
        var (code, stdout, err) = await h.RunAsync("run", job, "--db", db, "--data-dir", h.DataDir, "--json");
        Assert.True(code == 1, err + stdout);
        Assert.Equal(1, JsonDocument.Parse(stdout).RootElement.GetProperty("failed").GetInt32());

        (code, stdout, err) = await h.RunAsync("status", "--db", db, "--json");
        Assert.True(code == 0, err);
        Assert.Contains("Succeeded", stdout);
        Assert.Contains("Failed", stdout);

        File.WriteAllText(fixedFile, string.Empty);
        (code, stdout, err) = await h.RunAsync("run", job, "--db", db, "--data-dir", h.DataDir, "--json");
        Assert.True(code == 0, err + stdout);
        Assert.Equal(["broken", "broken", "ok"], File.ReadAllLines(log).Order());

        var (_, history, _) = await h.RunAsync("history", "broken", "--db", db);
        Assert.Contains("Succeeded after 2 attempt(s)", history);
        (_, history, _) = await h.RunAsync("history", "ok", "--db", db);
        Assert.Equal(1, history.Split("accepted (").Length - 1);
        var (missingCode, _, missingErr) = await h.RunAsync("history", "nope", "--db", db);
        Assert.Equal(1, missingCode);
        Assert.Contains("nope", missingErr);
    }

    [Fact]
    public async Task An_interrupted_run_resumes_its_unfinished_task_and_does_not_run_the_finished_one_again()
    {
        using var h = new CliHarness();
        var (db, lifetime) = await CreateStoreAsync(h);
        await using var store = lifetime;
        var log = Path.Combine(h.Root, "runs.log");
        var gate = Path.Combine(h.Root, "gate");
        var job = h.Write("job.conf", $$"""
            job { name = "resumed", workers = 2 }
            tasks = [
              { id = "quick", shell = "echo quick >> '{{log}}'" }
              { id = "gated", shell = "echo gated >> '{{log}}'; while [ ! -f '{{gate}}' ]; do sleep 0.05; done" }
            ]
            """);
        using var interrupt = new CancellationTokenSource();
        var run = h.RunAsync(interrupt.Token, "run", job, "--db", db, "--data-dir", h.DataDir, "--no-progress");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(File.Exists(log) && File.ReadAllLines(log).Order().SequenceEqual(["gated", "quick"])))
        {
            Assert.True(DateTime.UtcNow < deadline && !run.IsCompleted, "the two tasks never both started");
            await Task.Delay(50);
        }

        while ((await AkkaCompute.Hosting.Storage.HistoryReader.LoadAsync(db, CancellationToken.None)).Stats().ByState[AkkaCompute.Compute.Tasks.TaskState.Succeeded] < 1)
        {
            Assert.True(DateTime.UtcNow < deadline && !run.IsCompleted, "the quick task was never recorded as succeeded");
            await Task.Delay(50);
        }

        interrupt.Cancel();
        Assert.Equal(AkcApp.ExitInterrupted, (await run).Code);

        File.WriteAllText(gate, string.Empty);
        var (code, stdout, err) = await h.RunAsync("run", job, "--db", db, "--data-dir", h.DataDir, "--json");
        Assert.True(code == 0, err + stdout);
        Assert.Equal(["gated", "gated", "quick"], File.ReadAllLines(log).Order());
        var (_, history, _) = await h.RunAsync("history", "gated", "--db", db);
        Assert.Contains("Succeeded", history);
    }

    [Fact]
    public async Task Thousands_of_tasks_are_journaled_and_every_one_is_read_back()
    {
        using var h = new CliHarness();
        var (db, lifetime) = await CreateStoreAsync(h);
        await using var store = lifetime;
        var job = h.Write("many.conf", """
            job { name = "many" }
            generators = [{ id-prefix = n, range { from = 1, to = 3000 }, task { function = echo, args { value = "{{item}}" } } }]
            """);
        var (code, stdout, err) = await h.RunAsync("run", job, "--db", db, "--data-dir", h.DataDir, "--json");
        Assert.True(code == 0, err + stdout);

        (code, stdout, err) = await h.RunAsync("history", "--db", db, "--state", "Succeeded", "--limit", "5000", "--json");
        Assert.True(code == 0, err);
        var ids = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(3000, ids.Count);
        Assert.Contains("n-1", ids);
        Assert.Contains("n-3000", ids);
        (code, stdout, _) = await h.RunAsync("history", "--db", db, "--state", "Failed", "--json");
        Assert.Equal(0, code);
        Assert.Equal(0, JsonDocument.Parse(stdout).RootElement.GetArrayLength());
    }
}
