namespace AkkaCompute.Cli.Tests;

/// <summary>Jobs refused before anything runs: unknown functions, task ids the store holds for other work, an unwritable results file.</summary>
public class JobCheckTests
{
    [Fact]
    public async Task Unknown_function_is_refused_with_its_position_before_anything_runs()
    {
        using var h = new CliHarness();
        var marker = Path.Combine(h.Root, "ran");
        var job = h.Write("job.conf", $$"""
            tasks = [
              { id = "fine", shell = "touch '{{marker}}'" }
              { id = "x", function = "nosuch" }
            ]
            """);
        var (code, _, err) = await h.RunAsync("run", job, "--data-dir", h.DataDir);
        Assert.Equal(2, code);
        Assert.Contains("job.conf:3:26: task 'x': unknown function 'nosuch' (known: ", err);
        Assert.Contains("echo", err);
        Assert.False(File.Exists(marker));
        Assert.False(File.Exists(Path.Combine(h.DataDir, "akc.db")));
    }

    [Fact]
    public async Task Unknown_function_arguments_are_refused_before_anything_runs_naming_what_the_function_takes()
    {
        using var h = new CliHarness();
        var marker = Path.Combine(h.Root, "ran");
        var job = h.Write("job.conf", $$"""
            tasks = [
              { id = "fine", shell = "touch '{{marker}}'" }
              { id = "h", function = "sha256", args { fil = "/etc/hostname" } }
              { id = "e", function = "echo", args = [1, 2, 3] }
            ]
            """);
        var (code, _, err) = await h.RunAsync("run", job, "--data-dir", h.DataDir);
        Assert.Equal(2, code);
        Assert.Contains("job.conf:3:10: task 'h': ", err);
        Assert.Contains("argument 'fil'", err);
        Assert.Contains("it takes sha256(", err);
        Assert.False(File.Exists(marker));
        Assert.False(File.Exists(Path.Combine(h.DataDir, "akc.db")));
    }

    [Fact]
    public async Task A_task_id_recorded_with_another_definition_refuses_the_job_and_keeps_the_old_result()
    {
        using var h = new CliHarness();
        var first = h.Write("first.conf", """
            job { name = "first" }
            tasks = [ { id = "urgent", function = "echo", args { value = "old" } } ]
            """);
        Assert.Equal(0, (await h.RunAsync("run", first, "--data-dir", h.DataDir, "--json")).Code);
        var marker = Path.Combine(h.Root, "ran");
        var second = h.Write("second.conf", $$"""
            job { name = "second" }
            tasks = [
              { id = "other", shell = "touch '{{marker}}'" }
              { id = "urgent", function = "echo", args { value = "new" } }
            ]
            """);
        var (code, _, err) = await h.RunAsync("run", second, "--data-dir", h.DataDir, "--json");
        Assert.Equal(2, code);
        Assert.Contains("second.conf:4:10: task 'urgent': already recorded with a different definition", err);
        Assert.Contains("rename the task or use another --data-dir", err);
        Assert.False(File.Exists(marker));

        var (_, history, _) = await h.RunAsync("history", "urgent", "--data-dir", h.DataDir, "--json");
        Assert.Contains("\"old\"", history);
        Assert.DoesNotContain("\"new\"", history);
        Assert.Equal(0, (await h.RunAsync("run", first, "--data-dir", h.DataDir, "--json")).Code);
    }

    [Fact]
    public async Task Unwritable_results_file_is_refused_before_anything_runs()
    {
        using var h = new CliHarness();
        var marker = Path.Combine(h.Root, "ran");
        var job = h.Write("job.conf", $$"""tasks = [ { id = "a", shell = "touch '{{marker}}'" } ]""");
        var notADirectory = h.Write("occupied", "a file where the results directory should be");
        var output = Path.Combine(notADirectory, "out.jsonl");
        var (code, _, err) = await h.RunAsync("run", job, "--data-dir", h.DataDir, "-o", output);
        Assert.Equal(2, code);
        Assert.StartsWith($"akc run: cannot write results to {output}: ", err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.False(File.Exists(marker));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("history")]
    public async Task A_store_that_is_not_a_database_gives_a_one_line_error(string command)
    {
        using var h = new CliHarness();
        var garbage = h.Write("garbage.db", new string('x', 4096));
        var (code, _, err) = await h.RunAsync(command, "--db", garbage);
        Assert.Equal(2, code);
        Assert.StartsWith($"akc {command}: ", err);
        Assert.Contains("cannot use the history database", err);
        Assert.Contains("garbage.db", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }
}
