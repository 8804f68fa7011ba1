namespace AkkaCompute.Cli.Tests;

public class SetVariableTests
{
    [Fact]
    public async Task A_set_name_the_job_file_does_not_read_is_refused_naming_the_one_it_reads()
    {
        using var h = new CliHarness();
        var job = Path.Combine(CliHarness.RepoRoot, "examples", "hash-tree", "job.conf");
        var (code, stdout, err) = await h.RunAsync("run", job, "--set", "dir=" + h.Root, "--data-dir", h.DataDir, "--no-progress");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.StartsWith("akc run: --set dir: ", err);
        Assert.Contains("(did you mean DIR?)", err);
        Assert.False(File.Exists(Path.Combine(h.DataDir, "akc.db")));
    }

    [Fact]
    public async Task A_set_name_far_from_any_read_name_lists_the_names_the_file_reads()
    {
        using var h = new CliHarness();
        var job = h.Write("job.conf", """
            job { name = "vars" }
            tasks = [ { id = "a", function = "echo", args { value = ${?GREETING} } } ]
            """);
        var (code, _, err) = await h.RunAsync("run", job, "--set", "GREETING=hi", "--set", "UNRELATED=x", "--data-dir", h.DataDir, "--json");
        Assert.Equal(2, code);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Contains("--set UNRELATED: ", err);
        Assert.Contains("(it reads GREETING)", err);
    }

    [Fact]
    public async Task A_set_name_the_job_file_reads_is_used()
    {
        using var h = new CliHarness();
        var job = h.Write("job.conf", """
            job { name = "vars" }
            tasks = [ { id = "a", function = "echo", args { value = ${?GREETING} } } ]
            """);
        var (code, _, err) = await h.RunAsync("run", job, "--set", "GREETING=hi", "--data-dir", h.DataDir, "--json");
        Assert.True(code == 0, err);
        var result = Assert.Single(CliHarness.ReadJsonLines(Path.Combine(h.DataDir, "vars.results.jsonl")));
        Assert.Contains("hi", result.GetProperty("output").GetRawText());
    }
}
