using System.Text.Json;

namespace AkkaCompute.Cli.Tests;

public class RunCommandTests
{
    [Fact]
    public async Task Hash_tree_matches_sha256sum_and_wc_for_every_file()
    {
        using var h = new CliHarness();
        var dir = Path.Combine(h.Root, "tree");
        h.Write("tree/empty.txt", string.Empty);
        h.Write("tree/no-newline.txt", "one line without newline");
        h.Write("tree/sub/lines.txt", "a\nb\nc\n");
        h.Write("tree/sub/deeper/unicode.txt", "héllo wörld\n✓\n");
        File.WriteAllBytes(Path.Combine(dir, "binary.bin"), Enumerable.Range(0, 5000).Select(i => (byte)(i * 31 % 251)).ToArray());
        var job = Path.Combine(CliHarness.RepoRoot, "examples", "hash-tree", "job.conf");
        var (code, _, err) = await h.RunAsync("run", job, "--set", "DIR=" + dir, "--data-dir", h.DataDir, "--no-progress");
        Assert.True(code == 0, err);
        var results = CliHarness.ReadJsonLines(Path.Combine(h.DataDir, "hash-tree.results.jsonl"));
        Assert.Equal(5, results.Count);
        foreach (var r in results)
        {
            Assert.Equal("Succeeded", r.GetProperty("state").GetString());
            var output = r.GetProperty("output");
            var file = output.GetProperty("file").GetString()!;
            var sha = CliHarness.Sh($"sha256sum '{file}'").Split(' ')[0];
            var wc = CliHarness.Sh($"wc -l < '{file}'; wc -c < '{file}'").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(sha, output.GetProperty("sha256").GetString());
            Assert.Equal(long.Parse(wc[^2].Trim(), System.Globalization.CultureInfo.InvariantCulture), output.GetProperty("lines").GetInt64());
            Assert.Equal(long.Parse(wc[^1].Trim(), System.Globalization.CultureInfo.InvariantCulture), output.GetProperty("bytes").GetInt64());
        }
    }

    [Fact]
    public async Task Word_count_reduce_totals_equal_the_sum_of_the_maps()
    {
        using var h = new CliHarness();
        var job = Path.Combine(CliHarness.RepoRoot, "examples", "word-count", "job.conf");
        var (code, stdout, err) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json");
        Assert.True(code == 0, err);
        var summary = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(summary.GetProperty("total").GetInt32(), summary.GetProperty("succeeded").GetInt32());
        var results = CliHarness.ReadJsonLines(Path.Combine(h.DataDir, "word-count.results.jsonl"));
        var maps = results.Where(r => r.GetProperty("id").GetString()!.StartsWith("map-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Directory.GetFiles(Path.Combine(CliHarness.RepoRoot, "examples", "word-count", "texts"), "*.txt").Length, maps.Count);
        var reduce = results.Single(r => r.GetProperty("id").GetString() == "reduce").GetProperty("output");
        var expected = new Dictionary<string, long>();
        foreach (var m in maps)
        {
            foreach (var p in m.GetProperty("output").GetProperty("counts").EnumerateObject())
            {
                expected[p.Name] = expected.GetValueOrDefault(p.Name) + p.Value.GetInt64();
            }
        }

        Assert.Equal(expected.Count, reduce.EnumerateObject().Count());
        foreach (var (word, count) in expected)
        {
            Assert.Equal(count, reduce.GetProperty(word).GetInt64());
        }
    }

    [Fact]
    public async Task Shell_example_times_out_one_task_and_recovers_another_on_retry()
    {
        using var h = new CliHarness();
        var job = Path.Combine(CliHarness.RepoRoot, "examples", "shell", "job.conf");
        var (code, stdout, _) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json");
        Assert.Equal(1, code);
        Assert.Equal(1, JsonDocument.Parse(stdout).RootElement.GetProperty("timedOut").GetInt32());
        var results = CliHarness.ReadJsonLines(Path.Combine(h.DataDir, "shell.results.jsonl")).ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal("TimedOut", results["too-slow"].GetProperty("state").GetString());
        Assert.Equal("Succeeded", results["flaky"].GetProperty("state").GetString());
        Assert.Equal(2, results["flaky"].GetProperty("attempts").GetInt32());
        var gzip = results.Values.Where(r => r.GetProperty("id").GetString()!.StartsWith("gzip-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(gzip);
        Assert.All(gzip, g => Assert.Contains("ratio 0.", g.GetProperty("output").GetProperty("stdout").GetString()));
    }

    [Fact]
    public async Task Malformed_job_file_is_refused_with_position_and_exit_code_2()
    {
        using var h = new CliHarness();
        var job = h.Write("bad.conf", "tasks = [\n  { id = \"a\", function = \"echo\", timout = 5s }\n  { id = \"b\", shell = \"true\", args { x = 1 }, function = \"noop\" }\n]\n");
        var (code, _, err) = await h.RunAsync("run", job, "--data-dir", h.DataDir);
        Assert.Equal(2, code);
        Assert.Contains("bad.conf:2:", err);
        Assert.Contains("timout", err);
        Assert.Contains("bad.conf:3:", err);
        Assert.False(File.Exists(Path.Combine(h.DataDir, "akc.db")));
    }

    [Fact]
    public async Task Refused_command_and_missing_file_fail_their_tasks_with_reasons()
    {
        using var h = new CliHarness();
        var job = h.Write("job.conf", """
            job { name = "bad-tasks" }
            tasks = [
              { id = "refused", shell = "mkfs.ext4 /dev/sdz1" }
              { id = "missing-file", function = "sha256", args { file = "/nonexistent/file" } }
              { id = "fine", function = "noop" }
            ]
            """);
        var (code, stdout, _) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json");
        Assert.Equal(1, code);
        var results = CliHarness.ReadJsonLines(Path.Combine(h.DataDir, "bad-tasks.results.jsonl")).ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Contains("refused", results["refused"].GetProperty("error").GetString());
        Assert.Contains("mkfs", results["refused"].GetProperty("error").GetString());
        Assert.Equal("Failed", results["missing-file"].GetProperty("state").GetString());
        Assert.Equal("Succeeded", results["fine"].GetProperty("state").GetString());
        Assert.Equal(2, JsonDocument.Parse(stdout).RootElement.GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task Second_run_on_the_same_data_dir_does_not_rerun_finished_tasks()
    {
        using var h = new CliHarness();
        var marker = Path.Combine(h.Root, "runs.log");
        var job = h.Write("job.conf", $$"""
            job { name = "once" }
            tasks = [ { id = "count", shell = "echo run >> '{{marker}}'" } ]
            """);
        Assert.Equal(0, (await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json")).Code);
        Assert.Equal(0, (await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json")).Code);
        Assert.Single(File.ReadAllLines(marker));
    }

    [Fact]
    public async Task Status_and_history_read_the_store()
    {
        using var h = new CliHarness();
        var job = h.Write("job.conf", """
            job { name = "small" }
            tasks = [ { id = "a", function = "noop" }, { id = "b", function = "fail", args { message = "nope" } } ]
            """);
        await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json");
        var (code, stdout, _) = await h.RunAsync("status", "--data-dir", h.DataDir, "--json");
        Assert.Equal(0, code);
        var status = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(2, status.GetProperty("total").GetInt32());
        Assert.Equal(1, status.GetProperty("byState").GetProperty("Failed").GetInt32());
        (code, stdout, _) = await h.RunAsync("history", "b", "--data-dir", h.DataDir);
        Assert.Equal(0, code);
        Assert.Contains("accepted", stdout);
        Assert.Contains("nope", stdout);
        (code, stdout, _) = await h.RunAsync("history", "--stats", "--data-dir", h.DataDir, "--json");
        Assert.Equal(0.5, JsonDocument.Parse(stdout).RootElement.GetProperty("successRate").GetDouble());
        (code, _, var err) = await h.RunAsync("history", "--data-dir", Path.Combine(h.Root, "nowhere"));
        Assert.Equal(2, code);
        Assert.Contains("no history store", err);
    }

    [Fact]
    public async Task Help_explains_the_commands()
    {
        using var h = new CliHarness();
        var (code, stdout, _) = await h.RunAsync("run", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--workers", stdout);
        Assert.Contains("resumes", stdout);
    }
}

public class StoreFailureTests
{
    [Fact]
    public async Task An_unusable_store_stops_the_start_with_a_clear_error_and_runs_nothing()
    {
        using var h = new CliHarness();
        var marker = Path.Combine(h.Root, "ran");
        var job = h.Write("job.conf", $$"""
            job { name = "blocked" }
            tasks = [ { id = "a", shell = "touch '{{marker}}'" } ]
            """);
        var notADirectory = h.Write("occupied", "a file where the data directory should be");
        var (code, _, err) = await h.RunAsync("run", job, "--data-dir", notADirectory);
        Assert.Equal(1, code);
        Assert.Contains("could not start", err);
        Assert.Contains("occupied", err);
        Assert.False(File.Exists(marker));
    }
}
