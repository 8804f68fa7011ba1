using System.Net;
using System.Net.Http.Json;
using AkkaCompute.Cli.Tests.Api;
using AkkaCompute.Cli.Tests.Cluster;

namespace AkkaCompute.Cli.Tests.Top;

/// <summary>
/// <c>akc top</c> driven in tmux against a real <c>akc node</c>: a 120x40 terminal shows the Workers tab with the member,
/// Tab shows the Tasks tab with a running shell task's progress bar, Tab again the Logs, Shift+Tab goes back, q quits
/// with exit code 0; a 30x8 terminal shows the too-small message and q still quits.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class TopTmuxTests(ApiNodeFixture fixture) : IClassFixture<ApiNodeFixture>
{
    private string TopCommand(string exitFile) =>
        $"dotnet exec '{Path.Combine(AppContext.BaseDirectory, "akc.dll")}' top -e {fixture.Node.Management} --interval 200ms; echo $? > '{exitFile}'";

    [Fact]
    public async Task Top_shows_workers_then_tasks_with_progress_then_logs_and_quits_with_q()
    {
        Assert.True(Tmux.Installed, "tmux is not installed (.ci/packages installs it)");
        var go = Path.Combine(fixture.WorkDir, "top-go");
        var command = $"echo '::progress 30%'; while [ ! -e '{go}' ]; do sleep 0.05; done";
        using (var response = await fixture.Http.PostAsync("api/v1/jobs?job=top-tmux", JsonContent.Create(new[] { new { id = "top-tmux-1", shell = command } })))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var exitFile = Path.Combine(fixture.WorkDir, "top-exit-" + Guid.NewGuid().ToString("N"));
        await using var tmux = await Tmux.StartAsync(TopCommand(exitFile), 120, 40);
        try
        {
            var workers = await tmux.AwaitScreenAsync("1 Workers", "(self)", "Up", "Tab/Shift+Tab");
            Assert.Contains("127.0.0.1:" + fixture.Node.Port, workers);

            await tmux.SendAsync("Tab");
            var tasks = await tmux.AwaitScreenAsync("Running 1", "top-tmux-1", "30%");
            Assert.Contains("Succeeded", tasks);

            await tmux.SendAsync("Tab");
            var logs = await tmux.AwaitScreenAsync(" info ", "Akka.");
            Assert.DoesNotContain("Retrying", logs);

            await tmux.SendAsync("BTab");
            await tmux.AwaitScreenAsync("top-tmux-1", "30%");

            await tmux.SendAsync("q");
            Assert.Equal("0", await AwaitExitAsync(exitFile));
        }
        finally
        {
            await File.WriteAllTextAsync(go, "go");
        }

        await fixture.AwaitJobDoneAsync("top-tmux");
    }

    [Fact]
    public async Task A_terminal_too_small_gets_a_message_and_q_still_quits()
    {
        Assert.True(Tmux.Installed, "tmux is not installed (.ci/packages installs it)");
        var exitFile = Path.Combine(fixture.WorkDir, "top-exit-" + Guid.NewGuid().ToString("N"));
        await using var tmux = await Tmux.StartAsync(TopCommand(exitFile), 30, 8);
        var screen = await tmux.AwaitScreenAsync("terminal too small (30x8)");
        Assert.DoesNotContain("Workers", screen);
        await tmux.SendAsync("q");
        Assert.Equal("0", await AwaitExitAsync(exitFile));
    }

    [Fact]
    public async Task Json_prints_one_object_and_a_bad_interval_is_refused()
    {
        using var harness = new CliHarness();
        var (code, stdout, stderr) = await harness.RunAsync("top", "-e", fixture.Node.Management.ToString(), "--json");
        Assert.True(code == 0, stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(fixture.Node.Address.ToString(), doc.RootElement.GetProperty("nodes").GetProperty("self").GetString());
        Assert.True(doc.RootElement.GetProperty("stats").GetProperty("node").TryGetProperty("running", out _));
        Assert.Equal(System.Text.Json.JsonValueKind.Array, doc.RootElement.GetProperty("log").GetProperty("lines").ValueKind);

        (code, _, stderr) = await harness.RunAsync("top", "-e", fixture.Node.Management.ToString(), "--interval", "5ms");
        Assert.Equal(2, code);
        Assert.Contains("--interval '5ms'", stderr);
    }

    private static async Task<string> AwaitExitAsync(string exitFile)
    {
        var deadline = DateTime.UtcNow + Tmux.Deadline;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(exitFile) && (await File.ReadAllTextAsync(exitFile)).Trim() is { Length: > 0 } code)
            {
                return code;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"akc top did not exit within {Tmux.Deadline.TotalSeconds} s");
    }
}
