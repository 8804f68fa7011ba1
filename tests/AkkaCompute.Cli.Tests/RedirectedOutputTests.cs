using AkkaCompute.Cli.Commands;
using AkkaCompute.Cli.Running;
using AkkaCompute.Compute.Tasks;
using Spectre.Console;

namespace AkkaCompute.Cli.Tests;

/// <summary>Output that is not a terminal (a pipe, a file): no ANSI escape codes, no wrapping at 80 columns.</summary>
public class RedirectedOutputTests
{
    private const char Escape = '\u001b';

    [Fact]
    public async Task The_summary_writes_the_results_path_and_failures_as_whole_plain_lines()
    {
        var stdout = new StringWriter();
        var path = "/tmp/" + string.Join('/', Enumerable.Repeat("a-rather-long-directory-name", 8)) + "/job.results.jsonl";
        var failedId = "task-" + new string('x', 120);
        var results = new Dictionary<string, TaskResult>
        {
            ["ok"] = new("ok", TaskState.Succeeded, null, null, 1, 1.0),
            [failedId] = new(failedId, TaskState.Failed, null, "exit code 3 after writing a long explanation to stderr", 1, 1.0),
        };
        var snapshot = new ProgressSnapshot(2, 1, 1, 0, 0, 0, TimeSpan.FromSeconds(1.5), 1.3, null);

        await new SummaryPrinter(stdout, json: false).PrintAsync("a-job-" + new string('j', 100), snapshot, results, path);

        var text = stdout.ToString();
        var lines = text.Split(Environment.NewLine);
        Assert.DoesNotContain(Escape, text);
        Assert.Contains(lines, l => l.StartsWith("elapsed ", StringComparison.Ordinal) && l.EndsWith("; results: " + path, StringComparison.Ordinal));
        Assert.Contains($"  {failedId}: Failed: exit code 3 after writing a long explanation to stderr", lines);
        Assert.Equal("job a-job-" + new string('j', 100), lines[0]);
    }

    [Fact]
    public void A_console_that_is_not_a_terminal_has_no_colours_and_a_wide_line()
    {
        var stdout = new StringWriter();

        var console = CliConsole.Create(stdout, isTerminal: false);
        console.MarkupLine("[red]" + new string('r', 300) + "[/]");

        Assert.Equal(CliConsole.RedirectedWidth, console.Profile.Width);
        Assert.False(console.Profile.Capabilities.Ansi);
        Assert.Equal(new string('r', 300) + Environment.NewLine, stdout.ToString());
    }

    [Fact]
    public async Task History_lists_long_task_ids_unsplit_and_without_escape_codes()
    {
        using var h = new CliHarness();
        var id = "a-task-whose-id-is-long-enough-to-wrap-" + new string('z', 90);
        var job = h.Write("job.conf", $$"""
            job { name = "wide" }
            tasks = [ { id = "{{id}}", function = "noop" } ]
            """);
        Assert.Equal(0, (await h.RunAsync("run", job, "--data-dir", h.DataDir, "--json")).Code);

        var (code, stdout, err) = await h.RunAsync("history", "--data-dir", h.DataDir);

        Assert.True(code == 0, err);
        Assert.DoesNotContain(Escape, stdout);
        Assert.Contains(id, stdout);
    }
}
